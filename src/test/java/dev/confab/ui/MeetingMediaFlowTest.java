package dev.confab.ui;

import dev.confab.ui.common.Screen;

import dev.confab.testing.CliRun;
import dev.confab.media.CaptureDevice;
import dev.confab.meeting.ChatMessage;
import dev.confab.meeting.MeetingListener;
import dev.confab.meeting.LocalServer;
import dev.confab.meeting.MeetingSession;
import dev.confab.meeting.SessionOptions;
import dev.confab.meeting.SessionState;
import dev.confab.protocol.MediaFrame;
import dev.confab.protocol.StreamKind;
import dev.confab.signaling.ServerTrust;
import dev.confab.storage.Settings;
import dev.confab.testing.UiTest;
import dev.confab.ui.meeting.MeetingLauncher;
import dev.confab.ui.meeting.MeetingScreen;
import dev.confab.ui.meeting.ParticipantTile;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ListView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static dev.confab.ui.MeetingRig.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The meeting screen wired to the media pipelines: a real loopback server, a bot sending the synthetic camera
 * and a tone, a headless host that counts what the app sends, and the app joining from its lobby.
 */
@UiTest
class MeetingMediaFlowTest {
    @TempDir
    Path dir;
    private final FxRobot robot = new FxRobot();
    private DesktopApp desktop;
    private MeetingRig rig;
    private MeetingSession host;
    private CliRun.Background bot;

    /** The host: counts media frames per sender and keeps the chat it receives. */
    private static final class CountingHost implements MeetingListener {
        final AtomicReference<SessionState> state = new AtomicReference<>(new SessionState.Idle());
        final Map<Integer, AtomicLong> audioFrames = new ConcurrentHashMap<>();
        final List<String> chat = new CopyOnWriteArrayList<>();

        @Override
        public void onStateChanged(SessionState now) {
            state.set(now);
        }

        @Override
        public void onMedia(MediaFrame frame) {
            if (frame.header().stream() == StreamKind.AUDIO) {
                audioFrames.computeIfAbsent(frame.header().senderId(), id -> new AtomicLong()).incrementAndGet();
            }
        }

        @Override
        public void onChat(ChatMessage message) {
            chat.add(message.text());
        }

        long audioFrom(int id) {
            AtomicLong n = audioFrames.get(id);
            return n == null ? 0 : n.get();
        }
    }

    @AfterEach
    void stop() throws Exception {
        if (desktop != null) {
            desktop.close();
        }
        if (host != null) {
            host.close();
        }
        if (rig != null) {
            rig.close();
        }
        if (bot != null) {
            bot.result(Duration.ofSeconds(60)); // the server has gone, so it leaves; never run into the next test
        }
    }

    private MeetingScreen joinAsAda(String meetingId) throws Exception {
        return joinAsAda(meetingId, new AppHarness(dir.resolve("app"), FakeCaptureFactory.withRealDevices()),
                Settings.defaults());
    }

    /** Ada, with her camera and microphone on, joins from the lobby of {@code harness} with {@code settings}. */
    private MeetingScreen joinAsAda(String meetingId, AppHarness harness, Settings settings) throws Exception {
        desktop = DesktopApp.start(dir, harness.agreedBefore(settings.withLanguage("en")
                        .withCamera(FakeCaptureFactory.CAMERA.id(), true)
                        .withMicrophone(FakeCaptureFactory.MICROPHONE.id(), true)), Locale.ENGLISH, DesktopApp.PLAIN);
        rig.pinIn(desktop.app.paths, rig.url());
        robot.interact(() -> {
            robot.lookup("#displayName").queryTextInputControl().setText("Ada");
            ComboBox<?> picker = robot.lookup("#serverPicker").queryAs(ComboBox.class);
            picker.getSelectionModel().select(1);
            robot.lookup("#serverAddress").queryTextInputControl().setText(rig.url().toString());
            robot.lookup("#meetingId").queryTextInputControl().setText(meetingId);
        });
        robot.clickOn("#join");
        return desktop.awaitMeetingScreen(WAIT);
    }

    private CountingHost hostMeeting() throws Exception {
        rig = new MeetingRig(dir.resolve("server"));
        CountingHost listener = new CountingHost();
        host = new MeetingSession(SessionOptions.of(rig.url(), "Grace", ServerTrust.pinned(rig.server.fingerprint())),
                listener);
        host.createMeeting(null);
        await().atMost(WAIT).until(() -> listener.state.get() instanceof SessionState.InMeeting);
        return listener;
    }

    private void startBot(String meetingId, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("bot", "--server", rig.url().toString(),
                "--meeting", meetingId, "--name", "Robo", "--duration", "60s",
                "--trust-fingerprint", rig.server.fingerprint(), "--video", "testsrc", "--video-size", "640x360",
                "--fps", "15", "--audio", "sine"));
        args.addAll(List.of(extra));
        bot = CliRun.inBackground(args.toArray(String[]::new));
    }

    /** Speaker view: the widest tile on display. */
    private static ParticipantTile bigTile(MeetingScreen screen) {
        return screen.grid().visibleTiles().stream()
                .max(java.util.Comparator.comparingDouble(ParticipantTile::getWidth)).orElseThrow();
    }

    private static Optional<ParticipantTile> tileOf(MeetingScreen screen, String name) {
        return screen.grid().tiles().stream().filter(t -> t.participant().displayName().equals(name)).findFirst();
    }

    @Test
    void theBotsVideoAndVoiceShowInItsTileAndMutingStopsOurSound() throws Exception {
        CountingHost grace = hostMeeting();
        String meetingId = host.roster().meetingId();
        MeetingScreen screen = joinAsAda(meetingId);
        startBot(meetingId);

        await().atMost(WAIT).until(() -> tileOf(screen, "Robo").isPresent());
        ParticipantTile robo = tileOf(screen, "Robo").orElseThrow();
        await().atMost(WAIT).alias("the bot's test pattern plays in its tile")
                .until(() -> robo.videoView().framesShown() > 10);
        await().atMost(WAIT).alias("the bot's tone lights up its tile").until(robo::isSpeaking);
        await().atMost(WAIT).alias("stats overlay and quality bars filled once a second")
                .until(() -> robo.quality() > 0);

        await().atMost(WAIT).alias("our own camera plays in the self view")
                .until(() -> screen.selfView().framesShown() > 5);
        ParticipantTile self = screen.grid().tiles().stream().filter(ParticipantTile::isSelf).findFirst().orElseThrow();
        await().atMost(WAIT).alias("the own tile's statistics say what the camera sends and what the network allows")
                .until(() -> WaitForAsyncUtils.asyncFx(self::statsText).get()
                        .matches("Sending \\d+×\\d+ at \\d+ kbit/s · network allows: no limit · your downlink: no limit"));

        int adaId = screen.grid().tiles().stream().filter(ParticipantTile::isSelf).findFirst().orElseThrow().participantId();
        await().atMost(WAIT).alias("our microphone reaches the others").until(() -> grace.audioFrom(adaId) > 20);

        robot.clickOn("#muteButton");
        AtomicLong last = new AtomicLong(-1);
        await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).alias("frames stop arriving after mute")
                .until(() -> last.getAndSet(grace.audioFrom(adaId)) == grace.audioFrom(adaId));
        long frozen = grace.audioFrom(adaId);
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5)).alias("nothing is sent while muted")
                .until(() -> grace.audioFrom(adaId) == frozen);

        robot.clickOn("#muteButton");
        await().atMost(WAIT).alias("unmuting sends again").until(() -> grace.audioFrom(adaId) > frozen);

        host.askToMute(adaId);
        await().atMost(WAIT).alias("the host's mute request mutes the button").until(() -> screen.mutedProperty().get());
        last.set(-1);
        await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).alias("and stops our sound")
                .until(() -> last.getAndSet(grace.audioFrom(adaId)) == grace.audioFrom(adaId));
        long afterRequest = grace.audioFrom(adaId);
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5)).alias("nothing is sent after the request")
                .until(() -> grace.audioFrom(adaId) == afterRequest);
    }

    @Test
    void turningTheCameraOffReleasesItAndLeavingReleasesEverything() throws Exception {
        hostMeeting();
        MeetingScreen screen = joinAsAda(host.roster().meetingId());
        await().atMost(WAIT).alias("the meeting opened the camera the lobby let go of")
                .until(() -> desktop.app.capture.running(CaptureDevice.Kind.CAMERA) == 1
                        && screen.selfView().framesShown() > 0);

        robot.clickOn("#cameraButton");
        await().atMost(WAIT).alias("camera released").until(() -> desktop.app.capture.running(CaptureDevice.Kind.CAMERA) == 0);
        assertThat(desktop.app.capture.running(CaptureDevice.Kind.MICROPHONE)).as("microphone still in use").isEqualTo(1);

        int openedInMeeting = desktop.app.capture.opened.size();
        robot.clickOn("#leaveButton");
        // currentScreen() is null for a moment while one screen replaces another
        await().atMost(WAIT).until(() -> desktop.app.controller.currentScreen() instanceof Screen s && "lobby".equals(s.name()));
        // The lobby opens its own preview again; everything opened up to and in the meeting must be closed.
        await().atMost(WAIT).alias("the meeting's microphone released on leave")
                .until(() -> desktop.app.capture.opened.subList(0, openedInMeeting).stream().allMatch(c -> c.closed));
        await().atMost(WAIT).alias("the meeting is in the history (kept by default)")
                .until(() -> dev.confab.meeting.history.MeetingHistoryStore.of(desktop.app.paths).list().size() == 1);
    }

    @Test
    void chatTabSendsAndReceivesWithTheBot() throws Exception {
        CountingHost grace = hostMeeting();
        String meetingId = host.roster().meetingId();
        MeetingScreen screen = joinAsAda(meetingId);
        robot.clickOn("#participantsButton"); // hide the side panel: messages now count as unread
        startBot(meetingId, "--chat", "Hello from Robo");

        await().atMost(WAIT).alias("unread badge while the chat is hidden")
                .until(() -> robot.lookup("#chatUnread").queryLabeled().isVisible()
                        && robot.lookup("#chatUnread").queryLabeled().getText().equals("1"));
        await().atMost(WAIT).alias("a toast says what arrived")
                .until(() -> robot.lookup("#chatToast").tryQuery().isPresent());

        robot.clickOn("#chatButton");
        @SuppressWarnings("unchecked")
        ListView<Object> messages = robot.lookup("#chatMessages").queryAs(ListView.class);
        assertThat(messages.getItems()).anySatisfy(e -> assertThat(e.toString()).contains("Hello from Robo"));
        assertThat(robot.lookup("#chatUnread").queryLabeled().isVisible()).as("read once shown").isFalse();

        robot.clickOn("#chatInput").write("Hi Robo");
        robot.clickOn("#chatSend");
        await().atMost(WAIT).alias("the others receive it").until(() -> grace.chat.contains("Hi Robo"));
        assertThat(screen.sidePanel().getSelectionModel().getSelectedItem().getId()).isEqualTo("chatTab");
    }

    @Test
    void theDemoMeetingShowsThreeMovingParticipantsTheirVoicesAndChat() throws Exception {
        desktop = DesktopApp.start(dir, new AppHarness(dir.resolve("app"), FakeCaptureFactory.withRealDevices())
                .agreedBefore(Settings.defaults().withLanguage("en")
                        .withCamera(FakeCaptureFactory.CAMERA.id(), true)
                        .withMicrophone(FakeCaptureFactory.MICROPHONE.id(), false)), Locale.ENGLISH, (app, local) -> {
                            MeetingLauncher launcher = DesktopApp.PLAIN.create(app, local);
                            launcher.requestDemoAtStart(); // confab --demo; the screenshot tour clicks the lobby's link
                            return launcher;
                        });

        MeetingScreen screen = desktop.awaitMeetingScreen(Duration.ofSeconds(40));
        await().atMost(WAIT).alias("the user and three demo participants")
                .until(() -> screen.grid().tiles().size() == 4);
        for (String name : List.of("Demo Ada", "Demo Grace", "Demo Linus")) {
            ParticipantTile tile = tileOf(screen, name).orElseThrow();
            await().atMost(WAIT).alias(name + "'s test pattern moves").until(() -> tile.videoView().framesShown() > 5);
        }
        await().atMost(WAIT).alias("someone is talking").until(() -> screen.grid().tiles().stream()
                .anyMatch(t -> !t.isSelf() && t.isSpeaking()));
        robot.interact(() -> screen.grid().speakerViewProperty().set(true));
        await().atMost(WAIT).alias("speaker view shows the demo participant who talks, big")
                .until(() -> {
                    ParticipantTile big = bigTile(screen);
                    return !big.isSelf() && big.isSpeaking();
                });
        String firstSpeaker = bigTile(screen).participant().displayName();
        await().atMost(WAIT).alias("the next one to talk takes the big tile")
                .until(() -> !bigTile(screen).participant().displayName().equals(firstSpeaker));
        @SuppressWarnings("unchecked")
        ListView<Object> messages = robot.lookup("#chatMessages").queryAs(ListView.class);
        await().atMost(WAIT).alias("the demo participants write in the chat")
                .until(() -> WaitForAsyncUtils.asyncFx(() -> messages.getItems().stream() // on the FX thread, which adds to it
                        .anyMatch(e -> e.toString().contains("Welcome to the demo meeting"))).get());

        robot.clickOn("#leaveButton");
        // currentScreen() is null for a moment while one screen replaces another
        await().atMost(WAIT).until(() -> desktop.app.controller.currentScreen() instanceof Screen s && "lobby".equals(s.name()));
        await().atMost(WAIT).alias("the demo participants leave with the user")
                .until(() -> Thread.getAllStackTraces().keySet().stream()
                        .noneMatch(t -> t.getName().equals("confab-demo-chat")));
    }

    /**
     * Issue #16: with hosting on this computer forbidden the demo still runs, on a built-in server only this
     * computer can reach (synthetic participants here are not hosting for others), even where the server itself
     * would be allowed on the network; it offers no LAN address and stops when the user leaves.
     */
    @Test
    void theDemoUnderAPolicyWithoutHostingListensOnLoopbackOnlyAndStopsOnLeave() throws Exception {
        Path policy = dir.resolve("policy.json");
        java.nio.file.Files.writeString(policy, "{ \"enforced\": { \"allowThisComputerHosting\": false } }");
        desktop = DesktopApp.start(dir, new AppHarness(dir.resolve("app"), FakeCaptureFactory.withRealDevices())
                .withPolicy(policy)
                .agreedBefore(Settings.defaults().withLanguage("en")
                        .withCamera(FakeCaptureFactory.CAMERA.id(), false)
                        .withMicrophone(FakeCaptureFactory.MICROPHONE.id(), false)), Locale.ENGLISH, (app, local) -> {
                            MeetingLauncher launcher = DesktopApp.PLAIN.create(app, local);
                            launcher.requestDemoAtStart();
                            return launcher;
                        }, true);

        MeetingScreen screen = desktop.awaitMeetingScreen(Duration.ofSeconds(40));
        await().atMost(WAIT).alias("the user and three demo participants")
                .until(() -> screen.grid().tiles().size() == 4);
        LocalServer.Running server = desktop.localServer.running().orElseThrow();
        dev.confab.meeting.LocalServerTest.assertLoopbackOnly(server);

        robot.clickOn("#leaveButton");
        await().atMost(WAIT).until(() -> desktop.app.controller.currentScreen() instanceof Screen s && "lobby".equals(s.name()));
        await().atMost(WAIT).alias("the demo's server stops when the user leaves")
                .until(() -> desktop.localServer.running().isEmpty()
                        && !dev.confab.meeting.LocalServerTest.accepts(java.net.InetAddress.getLoopbackAddress(),
                        server.port()));
    }

    @Test
    void everyTileMetersItsOwnVoiceAndAMutedParticipantShowsTheMutedIconInstead() throws Exception {
        hostMeeting(); // Grace, the host, sends no sound at all
        String meetingId = host.roster().meetingId();
        MeetingScreen screen = joinAsAda(meetingId);
        startBot(meetingId);
        await().atMost(WAIT).until(() -> tileOf(screen, "Robo").isPresent());
        ParticipantTile robo = tileOf(screen, "Robo").orElseThrow();
        ParticipantTile grace = tileOf(screen, "Grace").orElseThrow();
        ParticipantTile ada = screen.grid().tiles().stream().filter(ParticipantTile::isSelf).findFirst().orElseThrow();

        await().atMost(WAIT).alias("the bot's tone fills its meter").until(() -> robo.shownLevel() > 0.3);
        await().atMost(WAIT).alias("our own microphone fills our meter").until(() -> ada.shownLevel() > 0.3);
        assertThat(grace.shownLevel()).as("a silent participant's meter stays empty").isZero();
        assertThat(Visibility.shown(robot.lookup("#level-" + grace.participantId()).query()))
                .as("the silent one still has a meter (she is not muted)").isTrue();

        host.updateOwnState(dev.confab.meeting.OwnMediaState.INITIAL.withMuted(true));
        await().atMost(WAIT).alias("Grace muted herself: the icon replaces her meter").until(grace::showsMuted);
        assertThat(Visibility.shown(robot.lookup("#level-" + grace.participantId()).query())).isFalse();
        assertThat(Visibility.shown(robot.lookup("#level-" + robo.participantId()).query())).isTrue();

        robot.clickOn("#muteButton");
        await().atMost(WAIT).alias("muting ourselves shows the icon on our tile").until(ada::showsMuted);
        assertThat(ada.shownLevel()).isZero();
        robot.clickOn("#muteButton");
        await().atMost(WAIT).alias("unmuted, our meter moves again").until(() -> ada.shownLevel() > 0.3);
    }

    @Test
    void aMicrophoneThatCannotBeOpenedLeavesUsVisiblyMutedListeningOnly() throws Exception {
        hostMeeting();
        FakeCaptureFactory broken = FakeCaptureFactory.withRealDevices();
        broken.microphoneFailure = "Device or resource busy";
        MeetingScreen screen = joinAsAda(host.roster().meetingId(), new AppHarness(dir.resolve("app"), broken),
                Settings.defaults());

        await().atMost(WAIT).alias("the failure is explained").until(() -> robot.lookup("#micFailed").tryQuery().isPresent());
        await().atMost(WAIT).until(screen::isListenOnly);
        javafx.scene.control.Button mute = robot.lookup("#muteButton").queryButton();
        assertThat(mute.getText()).isEqualTo("Listening only");
        assertThat(mute.getTooltip().getText()).contains("No microphone can be used");
        int adaId = host.roster().participants().stream().filter(p -> p.displayName().equals("Ada")).findFirst()
                .orElseThrow().id();
        await().atMost(WAIT).alias("everyone sees Ada muted").until(() -> host.roster().find(adaId)
                .map(dev.confab.meeting.Attendee::muted).orElse(false));
        ParticipantTile self = screen.grid().tiles().stream().filter(ParticipantTile::isSelf).findFirst().orElseThrow();
        assertThat(self.showsMuted()).isTrue();

        robot.clickOn("#muteButton");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(screen.mutedProperty().get()).as("the button cannot pretend to unmute").isTrue();
        assertThat(robot.lookup("#listenOnly").queryLabeled().getText()).startsWith("You are listening only");
        assertThat(mute.getText()).isEqualTo("Listening only");
    }

    @Test
    void theSpeakerChosenInTheLobbyIsTheOneTheMeetingOpensAndIfItIsGoneTheUserIsTold() throws Exception {
        hostMeeting();
        MeetingScreen screen = joinAsAda(host.roster().meetingId(),
                new AppHarness(dir.resolve("app"), FakeCaptureFactory.withRealDevices()).withSpeakers("Unplugged headset"),
                Settings.defaults().withSpeaker("Unplugged headset"));
        // The name is not a device of this machine: the meeting tried it, fell back, and says so by name.
        await().atMost(WAIT).alias("a notice names the chosen speaker").until(() -> speakerNotice(screen).isPresent());
        assertThat(speakerNotice(screen).orElseThrow()).contains("“Unplugged headset” is not available");
        assertThat(screen.grid().tiles()).as("the meeting goes on").isNotEmpty();
    }

    private Optional<String> speakerNotice(MeetingScreen screen) {
        return robot.lookup("#speakerFallback").tryQuery().or(() -> robot.lookup("#speakerMissing").tryQuery())
                .map(node -> ((javafx.scene.control.Labeled) node).getText());
    }
}
