package dev.confab.ui;

import dev.confab.ui.lobby.MeetingIds;
import dev.confab.meeting.Attendee;
import dev.confab.meeting.LocalServer;
import dev.confab.meeting.ShareAnnotation;
import dev.confab.testing.CliRun;
import dev.confab.testing.PrivatePulseAudio;
import dev.confab.media.ComputerSoundCapture;
import dev.confab.media.ScreenCaptureFactory;
import dev.confab.storage.Settings;
import dev.confab.testing.UiTest;
import dev.confab.ui.meeting.MeetingLauncher;
import dev.confab.ui.meeting.MeetingScreen;
import dev.confab.ui.RecordedPictures.Picture;
import dev.confab.ui.share.ShareStage;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import static dev.confab.ui.MeetingRig.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Screen sharing in the desktop app against the built-in server, with a real bot and a real second client. */
@UiTest
class ShareFlowTest {
    private static final Duration FRAMES = Duration.ofSeconds(40);
    private static final double COMPUTER_HZ = 1000;

    @TempDir
    Path dir;
    private final FxRobot robot = new FxRobot();
    private DesktopApp desktop;
    private SharingPeer peer;
    private CliRun.Background bot;
    private PrivatePulseAudio pulse;
    private PrivatePulseAudio.Program music;

    @AfterEach
    void stop() throws Exception {
        if (peer != null) {
            peer.close();
        }
        if (desktop != null) {
            desktop.close(); // its built-in server tells the bot it is shutting down, so the bot leaves now
        }
        if (bot != null) {
            bot.result(Duration.ofSeconds(60)); // never leave a bot running into the next test
        }
        if (music != null) {
            music.close();
        }
        if (pulse != null) {
            pulse.close();
        }
    }

    /** Ada starts a meeting on this computer; returns her meeting screen. */
    private MeetingScreen hostMeeting(boolean shareAllowed) throws Exception {
        return hostMeeting(new MeetingLauncher.Sharing(ScreenCaptureFactory.syntheticOnly(), () -> shareAllowed));
    }

    private MeetingScreen hostMeeting(MeetingLauncher.Sharing sharing) throws Exception {
        desktop = DesktopApp.start(dir, new AppHarness(dir.resolve("app"), FakeCaptureFactory.withRealDevices())
                .agreedBefore(Settings.defaults().withLanguage("en")), Locale.ENGLISH,
                (app, local) -> new MeetingLauncher(app.paths, local, app.capture, o -> o, sharing));
        robot.interact(() -> robot.lookup("#displayName").queryTextInputControl().setText("Ada"));
        robot.clickOn("#newMeeting");
        return desktop.awaitMeetingScreen(WAIT);
    }

    private LocalServer.Running server() {
        return desktop.localServer.running().orElseThrow();
    }

    private String meetingId() {
        return MeetingIds.digitsOf(text("#meetingTitle"));
    }

    /** Robo joins and shares the synthetic screen; {@code more} adds bot options (e.g. a camera). */
    private void startBot(String duration, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("bot", "--server", server().localUrl().toString(),
                "--meeting", meetingId(), "--name", "Robo", "--duration", duration, "--share", "testsrc",
                "--trust-fingerprint", server().fingerprint()));
        args.addAll(List.of(more));
        bot = CliRun.inBackground(args.toArray(String[]::new));
    }

    private String text(String query) {
        return robot.lookup(query).queryAs(Labeled.class).getText();
    }

    private boolean present(String query) {
        return robot.lookup(query).tryQuery().map(Visibility::shown).orElse(false);
    }

    private ShareStage stage() {
        return robot.lookup("#shareStage").queryAs(ShareStage.class);
    }

    private int idOf(String name) {
        @SuppressWarnings("unchecked")
        ListView<Attendee> list = robot.lookup("#participantList").queryAs(ListView.class);
        return list.getItems().stream().filter(p -> p.displayName().equals(name)).findFirst().orElseThrow().id();
    }

    private boolean listed(String name) {
        @SuppressWarnings("unchecked")
        ListView<Attendee> list = robot.lookup("#participantList").queryAs(ListView.class);
        return list.getItems().stream().anyMatch(p -> p.displayName().equals(name));
    }

    private static boolean centerIsGrid(MeetingScreen screen) {
        return ((BorderPane) screen.view()).getCenter() == screen.grid() && !screen.grid().filmstripProperty().get();
    }

    private void awaitShareStageWithFrames() {
        await().atMost(FRAMES).until(() -> present("#shareStage") && stage().video().framesShown() > 3);
    }

    /** Opens the picker from the Share button, picks the test screen and presses Share. */
    private void shareTestScreen(boolean allowAnnotation) {
        robot.clickOn("#shareButton");
        await().atMost(WAIT).until(() -> present("#sharePicker"));
        assertThat(robot.lookup("#startShare").queryAs(Button.class).isDisabled())
                .as("nothing chosen in advance: the user picks every time").isTrue();
        robot.clickOn("#screenTile-1");
        if (allowAnnotation) {
            robot.clickOn("#allowViewerAnnotation");
        }
        robot.clickOn("#startShare");
    }

    @Test
    void aBotsShareTakesTheMiddleWithTilesInAFilmstripUntilTheHostStopsIt() throws Exception {
        MeetingScreen screen = hostMeeting(true);
        startBot("120s");
        await().atMost(WAIT).until(() -> listed("Robo"));
        awaitShareStageWithFrames();
        long shown = stage().video().framesShown();
        await().atMost(FRAMES).until(() -> stage().video().framesShown() > shown + 3);
        assertThat(text("#sharerName")).isEqualTo("Robo is sharing");
        assertThat(screen.grid().filmstripProperty().get()).isTrue();
        assertThat(screen.grid().tiles()).extracting(t -> t.participant().displayName()).containsExactly("Ada", "Robo");
        assertThat(screen.grid().tiles()).allMatch(t -> t.getParent() == screen.grid() && t.isVisible()
                && t.getHeight() <= 110, "the same tiles, small, under the share");

        // Only one sharer at a time by default: Ada's attempt is refused, in words.
        shareTestScreen(false);
        await().atMost(WAIT).until(() -> present("#requestFailed"));
        assertThat(text("#requestFailed")).contains("Someone else is already sharing");
        assertThat(present("#sharingBanner")).isFalse();

        // The host allows several sharers: now Ada's share goes through and takes the middle; when she
        // stops, Robo's share is back.
        robot.clickOn("#allowMultipleSharers");
        shareTestScreen(false);
        await().atMost(WAIT).until(() -> present("#sharingBanner"));
        await().atMost(WAIT).until(() -> "Ada (you) is sharing".equals(text("#sharerName")));
        robot.clickOn("#stopSharing");
        await().atMost(WAIT).until(() -> !present("#sharingBanner") && "Robo is sharing".equals(text("#sharerName")));

        int robo = idOf("Robo");
        assertThat(present("#sharing-" + robo)).as("the list shows who shares").isTrue();
        robot.clickOn("#hostMenu-" + robo);
        robot.clickOn("#stopShare-" + robo);
        await().atMost(WAIT).until(() -> centerIsGrid(screen));
        assertThat(present("#shareStage")).isFalse();
        assertThat(listed("Robo")).as("stopping the share does not remove the bot").isTrue();
        assertThat(bot.leaveNow().result(Duration.ofSeconds(60)).exitCode()).isZero();
    }

    /**
     * Ada records while Robo shares, then stops Robo's share. Robo's camera is 4:3, so the recording shows it
     * with black bars left and right; his shared screen is 16:9 and fills the frame. The recording must show
     * the screen while it is on stage and Robo's camera once it is gone.
     */
    @Test
    void theRecordingShowsTheSharedScreenWhileItIsOnStageThenTheSpeakerAgain() throws Exception {
        MeetingScreen screen = hostMeeting(true);
        startBot("60s", "--video", "testsrc", "--video-size", "640x480", "--fps", "10");
        awaitShareStageWithFrames();
        int robo = idOf("Robo");
        await().atMost(FRAMES).until(() -> screen.grid().tiles().stream()
                .anyMatch(t -> t.participantId() == robo && t.videoView().framesShown() > 3));

        robot.clickOn("#recordButton");
        await().atMost(WAIT).until(() -> "Recording — Ada".equals(text("#recordingIndicator")));
        Path folder = desktop.launcher.recordingSetup().storage().get().folder();
        awaitRecorded(folder, Duration.ofSeconds(3));
        robot.clickOn("#hostMenu-" + robo);
        robot.clickOn("#stopShare-" + robo);
        await().atMost(WAIT).until(() -> centerIsGrid(screen));
        Duration shareEnded = recordedSoFar(folder);
        awaitRecorded(folder, shareEnded.plusSeconds(3));
        robot.clickOn("#recordButton");
        await().atMost(WAIT).until(() -> robot.lookup("#recordingSaved").tryQuery().isPresent());

        List<Picture> pictures = RecordedPictures.classify(new dev.confab.recording.RecordingLibrary(folder).list()
                .getFirst().file());
        List<Picture> shown = pictures.stream().filter(p -> p != Picture.BLACK).toList();
        String summary = RecordedPictures.runs(pictures);
        assertThat(shown).as(summary).isNotEmpty();
        assertThat(shown.getFirst()).as("the recording starts on the shared screen: " + summary).isEqualTo(Picture.SCREEN);
        assertThat(shown.getLast()).as("and ends on Robo's camera: " + summary).isEqualTo(Picture.CAMERA);
        assertThat(shown.lastIndexOf(Picture.SCREEN)).as("one switch, no flicker back: " + summary)
                .isLessThan(shown.indexOf(Picture.CAMERA));
        assertThat(shown.stream().filter(p -> p == Picture.SCREEN).count()).as(summary).isGreaterThanOrEqualTo(60);
        assertThat(shown.stream().filter(p -> p == Picture.CAMERA).count()).as(summary).isGreaterThanOrEqualTo(45);
    }

    private Duration recordedSoFar(Path folder) {
        try (var files = java.nio.file.Files.list(folder)) {
            Path mp4 = files.filter(f -> f.toString().endsWith(".mp4")).findFirst().orElse(null);
            return mp4 == null ? Duration.ZERO : dev.confab.media.MediaFileInfo.scan(mp4).video();
        } catch (java.io.IOException | dev.confab.media.MediaException e) {
            return Duration.ZERO; // not written far enough yet
        }
    }

    private void awaitRecorded(Path folder, Duration length) {
        await().atMost(FRAMES).until(() -> recordedSoFar(folder).compareTo(length) >= 0);
    }

    @Test
    void theGridReturnsWhenTheSharingBotLeaves() throws Exception {
        MeetingScreen screen = hostMeeting(true);
        startBot("120s");
        awaitShareStageWithFrames();
        assertThat(bot.leaveNow().result(Duration.ofSeconds(60)).exitCode()).isZero();
        await().atMost(WAIT).until(() -> centerIsGrid(screen) && !listed("Robo"));
        WaitForAsyncUtils.waitForFxEvents(); // the FX thread updates the grid after the list
        assertThat(screen.grid().tiles()).hasSize(1);
    }

    @Test
    void sharingOwnScreenReachesOthersWithAnnotationsBothWaysUntilStop() throws Exception {
        MeetingScreen screen = hostMeeting(true);
        peer = new SharingPeer(server().localUrl(), server().fingerprint(), "Lin", meetingId());
        await().atMost(WAIT).until(() -> listed("Lin"));
        int ada = screen.grid().tiles().getFirst().participantId();

        shareTestScreen(true);
        await().atMost(WAIT).until(() -> present("#sharingBanner"));
        await().atMost(WAIT).until(() -> present("#floatingStopSharing"));
        Window floating = robot.lookup("#floatingStopSharing").query().getScene().getWindow();
        assertThat(((javafx.stage.Stage) floating).isAlwaysOnTop()).isTrue();
        await().atMost(FRAMES).until(() -> peer.picturesFrom(ada) > 5);
        assertThat(present("#shareButton") && robot.lookup("#shareButton").query().isDisabled())
                .as("one share at a time from this client").isTrue();

        // Ada sees her own share and draws on it; Lin's copy gets the stroke, and Lin's arrow comes back.
        awaitShareStageWithFrames();
        assertThat(text("#sharerName")).isEqualTo("Ada (you) is sharing");
        Node overlay = robot.lookup("#annotationOverlay").query();
        robot.moveTo(overlay).press(javafx.scene.input.MouseButton.PRIMARY).moveBy(30, 15).moveBy(30, 15)
                .release(javafx.scene.input.MouseButton.PRIMARY);
        await().atMost(WAIT).until(() -> peer.shares.annotations(ada) != null
                && peer.shares.annotations(ada).shapes().size() == 1);
        peer.shares.annotate(ada, ShareAnnotation.stroke("lin-1", ShareAnnotation.Tool.ARROW, "#E53935", 0.004,
                List.of(0.8, 0.8, 0.5, 0.5)));
        await().atMost(WAIT).until(() -> stage().overlay().model().shapes().size() == 2);

        robot.clickOn("#stopSharing");
        await().atMost(WAIT).until(() -> peer.events.contains("ended " + ada));
        await().atMost(WAIT).until(() -> centerIsGrid(screen));
        assertThat(present("#sharingBanner")).isFalse();
        assertThat(present("#floatingStopSharing")).isFalse();
        assertThat(robot.lookup("#shareButton").query().isDisabled()).isFalse();

        // Alt+S opens the picker again, with nothing remembered; Cancel shares nothing.
        robot.push(KeyCode.ALT, KeyCode.S);
        await().atMost(WAIT).until(() -> present("#sharePicker"));
        assertThat(robot.lookup("#startShare").queryAs(Button.class).isDisabled()).isTrue();
        robot.clickOn("#cancelShare");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(present("#sharingBanner")).isFalse();
    }

    @Test
    void whenTheAdministratorTurnedSharingOffTheButtonSaysSoAndOpensNothing() throws Exception {
        hostMeeting(false);
        robot.clickOn("#shareButton");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(text("#sharePolicyDisabled")).contains("administrator has turned off screen sharing");
        assertThat(present("#sharePicker")).isFalse();
    }

    /**
     * The computer plays a loud 1 kHz (another program, into a private PulseAudio server standing in for the
     * computer's output). Ada ticks "Share computer sound" in the picker: the banner says so and someone joining
     * hears the 1 kHz; once she stops sharing, nobody hears it any more.
     */
    @Test
    void tickingComputerSoundInThePickerLetsTheOthersHearTheComputerUntilTheShareStops() throws Exception {
        pulse = PrivatePulseAudio.start();
        music = pulse.play(PrivatePulseAudio.tone(COMPUTER_HZ, 20_000));
        hostMeeting(new MeetingLauncher.Sharing(ScreenCaptureFactory.syntheticOnly(), () -> true,
                ComputerSoundCapture.Source.of(pulse.server())));

        robot.clickOn("#shareButton");
        await().atMost(WAIT).until(() -> present("#sharePicker"));
        robot.clickOn("#screenTile-1");
        robot.clickOn("#shareComputerSound");
        robot.clickOn("#startShare");
        await().atMost(WAIT).until(() -> present("#sharingBanner")
                && text("#sharingMessage").equals("You are sharing your screen and computer sound"));
        assertThat(dominantHzHeardByAListener("while-sharing")).as("the listener hears the computer's 1 kHz")
                .isBetween(COMPUTER_HZ - 10, COMPUTER_HZ + 10);

        robot.clickOn("#stopSharing");
        await().atMost(WAIT).until(() -> !present("#sharingBanner"));
        assertThat(Math.abs(dominantHzHeardByAListener("after-the-share") - COMPUTER_HZ))
                .as("the computer's sound left with the share: distance from its 1 kHz").isGreaterThan(10);
    }

    /** A bot joins Ada's meeting for 3 s and reports the loudest frequency it heard from her. */
    private double dominantHzHeardByAListener(String name) throws Exception {
        Path stats = dir.resolve(name + ".json");
        CliRun listener = CliRun.of("bot", "--server", server().localUrl().toString(), "--meeting", meetingId(),
                "--name", name, "--audio", "none", "--duration", "3s", "--stats-json", stats.toString(),
                "--trust-fingerprint", server().fingerprint());
        assertThat(listener.exitCode()).as(listener.toString()).isZero();
        var remotes = new com.fasterxml.jackson.databind.ObjectMapper().readTree(stats.toFile()).get("audio").get("remotes");
        return remotes.isEmpty() ? 0 : remotes.get(0).get("dominantHz").asDouble();
    }
}
