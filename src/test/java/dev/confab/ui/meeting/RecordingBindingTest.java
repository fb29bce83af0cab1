package dev.confab.ui.meeting;

import dev.confab.media.MediaFileInfo;
import dev.confab.meeting.EndReason;
import dev.confab.meeting.MeetingListener;
import dev.confab.meeting.MeetingSession;
import dev.confab.meeting.OwnMediaState;
import dev.confab.meeting.RecordingChange;
import dev.confab.meeting.RecordingRule;
import dev.confab.meeting.Refusal;
import dev.confab.meeting.Roster;
import dev.confab.meeting.SessionOptions;
import dev.confab.meeting.SessionState;
import dev.confab.protocol.ClientMessage;
import dev.confab.protocol.RecordingPolicy;
import dev.confab.protocol.ServerMessage;
import dev.confab.recording.RecordingLibrary;
import dev.confab.recording.RecordingStorage;
import dev.confab.server.MeetingServer;
import dev.confab.signaling.ServerTrust;
import dev.confab.testing.TestClient;
import dev.confab.testing.TestServers;
import dev.confab.testing.UiTest;
import dev.confab.ui.common.UiText;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Recording in the meeting screen against a real server: Ada is a raw protocol client, "Grace" is this
 * app's session, screen and {@link RecordingBinding}.
 */
@UiTest
class RecordingBindingTest {
    static {
        System.setProperty("testfx.headless", "false");
    }

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final long GIGABYTE = 1024L * 1024 * 1024;

    @TempDir
    Path folder;

    private final FxRobot robot = new FxRobot();
    private final List<SessionState> states = new CopyOnWriteArrayList<>();
    private final AtomicLong freeBytes = new AtomicLong(10 * GIGABYTE);
    private boolean adminAllowsRecording = true;
    /** The user's answer to the recording permission (the dialog itself is the PermissionGate's, tested there). */
    private boolean userAllowsRecording = true;
    private final java.util.List<dev.confab.privacy.Permission> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
    private MeetingServer server;
    private TestClient ada;
    private MeetingSession grace;
    private MeetingScreen screen;
    private RecordingBinding binding;
    private Stage stage;

    @BeforeEach
    void startServer() throws Exception {
        server = TestServers.start(TestServers.loopback());
        ada = TestClient.greeted(server.url());
        stage = FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void stop() throws Exception {
        if (grace != null) {
            grace.close();
        }
        FxToolkit.setupFixture(() -> {
            if (binding != null) {
                binding.close();
            }
            if (screen != null) {
                screen.dispose();
            }
            stage.setScene(null);
        });
        ada.close();
        server.stop();
    }

    // ---- someone else records ---------------------------------------------------------------------------

    @Test
    void whenAnotherParticipantRecordsEveryoneSeesWhoAndIsAskedOnce() throws Exception {
        String meetingId = ada.create("Ada", null).meetingId();
        showGrace(false, meetingId, RecordingSources.NONE);
        assertThat(robot.lookup("#recordingIndicator").query().isVisible()).isFalse();

        ada.send(new ClientMessage.RecordingStart());
        await().atMost(WAIT).until(() -> visible("#recordingPrompt"));
        assertThat(text("#recordingIndicator")).isEqualTo("Recording — Ada");
        assertThat(text("#recordingPromptText")).isEqualTo("This meeting is being recorded by Ada.");
        assertThat(visible("#recording-1")).as("the roster marks Ada as recording").isTrue();

        robot.clickOn("#recordingContinue");
        await().atMost(WAIT).until(() -> !visible("#recordingPrompt"));
        assertThat(visible("#recordingIndicator")).as("the indicator stays while Ada records").isTrue();

        ada.send(new ClientMessage.RecordingStop());
        await().atMost(WAIT).until(() -> !visible("#recordingIndicator"));
    }

    @Test
    void aLateJoinerIsAskedOnJoinAndLeaveLeavesTheMeeting() throws Exception {
        String meetingId = ada.create("Ada", null).meetingId();
        ada.send(new ClientMessage.RecordingStart());
        ada.next(ServerMessage.RecordingChanged.class);

        showGrace(false, meetingId, RecordingSources.NONE);
        await().atMost(WAIT).until(() -> visible("#recordingPrompt"));
        assertThat(text("#recordingPromptText")).contains("Ada");

        robot.clickOn("#recordingLeave");
        await().atMost(WAIT).until(() -> states.stream().anyMatch(s -> s instanceof SessionState.Ended e
                && e.reason() == EndReason.LEFT));
        assertThat(ada.next(ServerMessage.ParticipantLeft.class).participantId()).isEqualTo(2);
    }

    // ---- own recording --------------------------------------------------------------------------------------

    @Test
    void aNonHostIsRefusedUnderHostOnlyAndToldWhy() throws Exception {
        String meetingId = ada.create("Ada", null).meetingId();
        showGrace(false, meetingId, new SyntheticRecordingSources());

        robot.clickOn("#recordButton");
        await().atMost(WAIT).until(() -> robot.lookup("#requestFailed").tryQuery().isPresent());
        assertThat(text("#requestFailed")).contains("The host does not allow you to record this meeting.");
        await().atMost(WAIT).until(() -> "Record".equals(text("#recordButton")));
        assertThat(ada.receivesNo(ServerMessage.RecordingChanged.class, 300)).isTrue();
        assertThat(files()).isEmpty();
    }

    @Test
    void theHostRecordsWhatTheSourcesFeedAndSavesTheChatBesideIt() throws Exception {
        showGrace(true, null, new SyntheticRecordingSources());
        String meetingId = grace.roster().meetingId();
        ada.join(meetingId, "Ada", null);

        robot.clickOn("#recordButton");
        await().atMost(WAIT).until(() -> "Recording — Grace".equals(text("#recordingIndicator")));
        assertThat(ada.next(ServerMessage.RecordingChanged.class)).isEqualTo(new ServerMessage.RecordingChanged(1, true, false));
        assertThat(visible("#recordingPrompt")).as("no prompt about one's own recording").isFalse();
        await().atMost(WAIT).until(() -> files().stream().anyMatch(f -> f.toString().endsWith(".mp4")));
        awaitRecordedOnDisk(Duration.ofMillis(1500));

        robot.clickOn("#saveChatWithRecording");
        robot.clickOn("#recordButton");
        await().atMost(WAIT).until(() -> robot.lookup("#recordingSaved").tryQuery().isPresent());
        assertThat(ada.next(ServerMessage.RecordingChanged.class).recording()).isFalse();
        var entries = new RecordingLibrary(folder).list();
        assertThat(entries).hasSize(1);
        MediaFileInfo info = MediaFileInfo.read(entries.getFirst().file());
        assertThat(info.video()).isGreaterThan(Duration.ofMillis(1200));
        assertThat(info.audio()).isGreaterThan(Duration.ofMillis(1200));
        assertThat(entries.getFirst().chatTranscript()).isPresent();
        assertThat(Files.readString(entries.getFirst().chatTranscript().get())).contains("Ada: hello");
    }

    @Test
    void recordAsksForTheRecordingPermissionAndANoStartsNothingAndSaysWhy() throws Exception {
        userAllowsRecording = false;
        showGrace(true, null, new SyntheticRecordingSources());
        ada.join(grace.roster().meetingId(), "Ada", null);

        robot.clickOn("#recordButton");
        await().atMost(WAIT).until(() -> robot.lookup("#recordingPermissionDenied").tryQuery().isPresent());
        assertThat(asked).containsExactly(dev.confab.privacy.Permission.RECORDING);
        assertThat(text("#recordingPermissionDenied")).contains("Revoke");
        assertThat(ada.receivesNo(ServerMessage.RecordingChanged.class, 300)).as("nothing announced").isTrue();
        assertThat(files()).isEmpty();
    }

    @Test
    void notEnoughSpaceRefusesToStartAndLeavesNothing() throws Exception {
        freeBytes.set(100L * 1024 * 1024);
        showGrace(true, null, new SyntheticRecordingSources());
        ada.join(grace.roster().meetingId(), "Ada", null);

        robot.clickOn("#recordButton");
        await().atMost(WAIT).until(() -> robot.lookup("#recordingProblem").tryQuery().isPresent());
        assertThat(text("#recordingProblem")).startsWith("Not enough free disk space to record: 100 MB free");
        assertThat(ada.receivesNo(ServerMessage.RecordingChanged.class, 300)).as("nothing announced").isTrue();
        assertThat(files()).isEmpty();
    }

    @Test
    void runningLowOnSpaceStopsCleanlyKeepsAPlayableFileAndTellsEveryone() throws Exception {
        showGrace(true, null, new SyntheticRecordingSources());
        ada.join(grace.roster().meetingId(), "Ada", null);

        robot.clickOn("#recordButton");
        assertThat(ada.next(ServerMessage.RecordingChanged.class).recording()).isTrue();
        await().atMost(WAIT).until(() -> files().stream().anyMatch(f -> f.toString().endsWith(".mp4")));
        awaitRecordedOnDisk(Duration.ofMillis(1500)); // something worth keeping
        freeBytes.set(50L * 1024 * 1024);

        await().atMost(WAIT).until(() -> robot.lookup("#recordingLowDisk").tryQuery().isPresent());
        assertThat(text("#recordingLowDisk")).startsWith("The disk is almost full, so recording stopped.");
        ServerMessage.RecordingChanged stopped = ada.next(ServerMessage.RecordingChanged.class);
        assertThat(stopped.recording()).as("everyone is told it stopped").isFalse();
        await().atMost(WAIT).until(() -> !visible("#recordingIndicator"));
        var entries = new RecordingLibrary(folder).list();
        assertThat(entries).hasSize(1);
        assertThat(entries.getFirst().sizeBytes()).isPositive();
        assertThat(MediaFileInfo.read(entries.getFirst().file()).video()).isGreaterThan(Duration.ofSeconds(1));
    }

    @Test
    void theHostChoosesWhoMayRecordAndForbiddingStopsTheOwnRecording() throws Exception {
        String meetingId = ada.create("Ada", null).meetingId();
        assertThat(ada.next(ServerMessage.RecordingPolicyChanged.class).policy()).as("greeting").isEqualTo(RecordingPolicy.HOST_ONLY);
        ada.send(new ClientMessage.SetRecordingPolicy(RecordingPolicy.EVERYONE));
        assertThat(ada.next(ServerMessage.RecordingPolicyChanged.class).policy()).isEqualTo(RecordingPolicy.EVERYONE);
        showGrace(false, meetingId, new SyntheticRecordingSources());
        assertThat(visible("#recordingPolicy")).as("only the host sees the policy menu").isFalse();

        robot.clickOn("#recordButton");
        await().atMost(WAIT).until(() -> "Recording — Grace".equals(text("#recordingIndicator")));
        await().atMost(WAIT).until(() -> files().stream().anyMatch(f -> f.toString().endsWith(".mp4")));
        awaitRecordedOnDisk(Duration.ofSeconds(1));
        ada.send(new ClientMessage.SetRecordingPolicy(RecordingPolicy.HOST_ONLY));

        await().atMost(WAIT).until(() -> robot.lookup("#recordingStoppedByPolicy").tryQuery().isPresent());
        await().atMost(WAIT).until(() -> robot.lookup("#recordingSaved").tryQuery().isPresent());
        assertThat(new RecordingLibrary(folder).list()).hasSize(1);
    }

    @Test
    void theHostsMenuSetsWhoMayRecordForEveryone() throws Exception {
        showGrace(true, null, RecordingSources.NONE);
        ada.join(grace.roster().meetingId(), "Ada", null);
        assertThat(ada.next(ServerMessage.RecordingPolicyChanged.class).policy()).as("greeting").isEqualTo(RecordingPolicy.HOST_ONLY);
        await().atMost(WAIT).until(() -> visible("#recordingPolicy"));

        robot.clickOn("#recordingPolicy");
        robot.clickOn("Everyone");
        assertThat(ada.next(ServerMessage.RecordingPolicyChanged.class).policy()).isEqualTo(RecordingPolicy.EVERYONE);
        ada.send(new ClientMessage.RecordingStart());
        await().atMost(WAIT).until(() -> "Recording — Ada".equals(text("#recordingIndicator")));
    }

    @Test
    void whenTheAdministratorTurnsRecordingOffThereIsNoRecordButtonButOthersAreStillAnnounced() throws Exception {
        adminAllowsRecording = false;
        String meetingId = ada.create("Ada", null).meetingId();
        showGrace(false, meetingId, RecordingSources.NONE);
        assertThat(robot.lookup("#recordButton").tryQuery()).isEmpty();

        ada.send(new ClientMessage.RecordingStart());
        await().atMost(WAIT).until(() -> visible("#recordingPrompt"));
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private void showGrace(boolean create, String meetingId, RecordingSources sources) throws Exception {
        RecordingStorage storage = new RecordingStorage(folder, dir -> freeBytes.get(),
                RecordingStorage.DEFAULT_MINIMUM_TO_START, RecordingStorage.DEFAULT_MINIMUM_TO_CONTINUE,
                Duration.ofMillis(200));
        RecordingSetup setup = new RecordingSetup(() -> storage, sources, () -> adminAllowsRecording,
                () -> "Ada: hello\n");
        var forward = new Forwarder();
        grace = new MeetingSession(SessionOptions.of(server.url(), "Grace", ServerTrust.systemOnly()), forward);
        FxToolkit.setupFixture(() -> {
            javafx.application.Application.setUserAgentStylesheet(new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet());
            UiText text = new UiText(Locale.ENGLISH);
            screen = new MeetingScreen(text, MeetingCommands.of(grace), null, OwnMediaState.INITIAL);
            binding = new RecordingBinding(text, RecordingCommands.of(grace), screen, setup, permission -> {
                asked.add(permission);
                return java.util.concurrent.CompletableFuture.completedFuture(userAllowsRecording);
            });
            Scene scene = new Scene(screen.view(), 1000, 700);
            scene.getStylesheets().add(UiText.class.getResource("confab.css").toExternalForm());
            stage.setScene(scene);
            stage.show();
        });
        if (create) {
            grace.createMeeting(null);
        } else {
            grace.join(meetingId, null);
        }
        await().atMost(WAIT).until(() -> grace.state() instanceof SessionState.InMeeting);
        await().atMost(WAIT).until(() -> robot.lookup("#meetingTitle").queryAs(Labeled.class).getText() != null
                && !robot.lookup("#meetingTitle").queryAs(Labeled.class).getText().isEmpty());
        ada.messages.clear();
    }

    /** What MeetingLauncher does with session events, for this screen and binding. */
    private final class Forwarder implements MeetingListener {
        @Override
        public void onStateChanged(SessionState now) {
            states.add(now);
        }

        @Override
        public void onRosterChanged(Roster roster) {
            Platform.runLater(() -> screen.showRoster(roster));
            binding.onRosterChanged(roster);
        }

        @Override
        public void onRecordingChanged(RecordingChange change) {
            binding.onRecordingChanged(change);
        }

        @Override
        public void onRecordingPolicy(RecordingRule policy) {
            binding.onRecordingPolicy(policy);
        }

        @Override
        public void onRequestFailed(Refusal refusal, String detail, String requestType) {
            Platform.runLater(() -> screen.requestFailed(refusal));
            binding.onRequestFailed(refusal, detail, requestType);
        }
    }

    private boolean visible(String query) {
        return robot.lookup(query).tryQuery().map(Node::isVisible).orElse(false)
                && robot.lookup(query).tryQuery().map(n -> n.getScene() != null).orElse(false);
    }

    private String text(String query) {
        return robot.lookup(query).tryQuery().map(n -> ((Labeled) n).getText()).orElse(null);
    }

    /** Waits until the file being written holds at least {@code length} of video (the recorder flushes often). */
    private void awaitRecordedOnDisk(Duration length) {
        await().atMost(WAIT).until(() -> {
            Path mp4 = files().stream().filter(f -> f.toString().endsWith(".mp4")).findFirst().orElseThrow();
            try {
                return MediaFileInfo.scan(mp4).video().compareTo(length) >= 0;
            } catch (dev.confab.media.MediaException stillStarting) {
                return false;
            }
        });
    }

    private List<Path> files() throws Exception {
        try (Stream<Path> list = Files.list(folder)) {
            return list.toList();
        }
    }
}
