package dev.confab.ui;

import dev.confab.ui.common.LevelMeter;
import dev.confab.ui.common.UiText;
import dev.confab.ui.lobby.MeetingIds;

import dev.confab.storage.Settings;
import dev.confab.testing.UiTest;
import dev.confab.ui.screenshots.LiveRegions;
import dev.confab.ui.screenshots.ScreenshotReferences;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Region;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Renders every main screen, in English and Simplified Chinese, to {@code target/screenshots/<screen>-<lang>.png}
 * for review: {@code mvn -B -o test -Dtest=ScreenshotTourTest}. It also runs with the normal test suite and
 * compares each screenshot with its reference picture ({@link ScreenshotReferences}), so a broken layout fails
 * the build; {@code -Dscreenshots.update=true} makes the current screenshots the references. To add a screen,
 * add a method that brings the app there and calls {@link #shoot}; name in {@link #liveSelectors} what differs
 * from run to run.
 */
@UiTest
class ScreenshotTourTest {
    static final Path OUT = Path.of(System.getProperty("basedir", ".")).resolve("target").resolve("screenshots");
    private static final ScreenshotReferences REFERENCES = new ScreenshotReferences(Path.of(System.getProperty("basedir", ".")), OUT);

    @TempDir
    Path dir;
    private final FxRobot robot = new FxRobot();
    private AppHarness app;
    private String lang;
    /**
     * CSS selectors of nodes whose pixels change from run to run (beyond video and level meters: clocks, random
     * ports, fingerprints, temporary folders), left out of the comparison with the reference pictures.
     */
    private java.util.Set<String> liveSelectors = java.util.Set.of();
    /** The next screenshot is saved for review only: nothing in it is the same from run to run. */
    private boolean reviewOnly;

    /** The chat panel's own window (see {@code sampleChat}), closed after its test. */
    private javafx.stage.Stage chatStage;

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            app.stop();
        }
        if (chatStage != null) {
            javafx.stage.Stage shown = chatStage;
            chatStage = null;
            FxToolkit.setupFixture(shown::close);
        }
        FxToolkit.setupFixture(() -> javafx.application.Application.setUserAgentStylesheet(
                new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "zh-CN"})
    void consent(String tag) throws Exception {
        start(tag, null, FakeCaptureFactory.syntheticOnly(), 1);
        shoot("consent");
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "zh-CN"})
    void consentChanged(String tag) throws Exception {
        start(tag, stored(tag), FakeCaptureFactory.syntheticOnly(), 2);
        assertThat(robot.lookup("#consentChanged").tryQuery()).isPresent();
        shoot("consent-changed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "zh-CN"})
    void lobby(String tag) throws Exception {
        start(tag, stored(tag).withIdentity("Ada Lovelace", null), FakeCaptureFactory.withRealDevices(), 1);
        awaitLivePreview();
        robot.clickOn("#meetingId").write("1234567890");
        shoot("lobby");
    }

    /**
     * A background chosen in the lobby: the preview shows the camera as others will see it. The person segmenter is
     * the test stand-in (an ellipse in the middle of the test pattern is "the person").
     */
    @ParameterizedTest
    @ValueSource(strings = {"en", "zh-CN"})
    void lobbyWithABackgroundEffect(String tag) throws Exception {
        lang = tag;
        app = new AppHarness(dir, FakeCaptureFactory.syntheticOnly())
                .withEffects(dev.confab.media.effects.EllipseSegmenter::standard);
        app.agreedBefore(1, stored(tag).withIdentity("Ada Lovelace", null).withBackground("background_3", null));
        app.start(osLocale(tag), 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> app.effects.stats().snapshot().frames() > 5);
        awaitLivePreview();
        shoot("lobby-background-effect");
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "zh-CN"})
    void lobbySynthetic(String tag) throws Exception {
        start(tag, stored(tag).withIdentity("Ada Lovelace", null), FakeCaptureFactory.syntheticOnly(), 1);
        awaitLivePreview();
        shoot("lobby-synthetic");
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "zh-CN"})
    void lobbyErrors(String tag) throws Exception {
        start(tag, stored(tag), FakeCaptureFactory.withRealDevices(), 1);
        javafx.scene.control.ComboBox<?> server = robot.lookup("#serverPicker").queryAs(javafx.scene.control.ComboBox.class);
        robot.interact(() -> server.getSelectionModel().select(1));
        await().atMost(Duration.ofSeconds(10)).until(() -> Visibility.shown(robot.lookup("#serverAddress").query()));
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#serverAddress").write("http://example.org");
        robot.clickOn("#meetingId").write("12345");
        assertThat(robot.lookup("#serverAddress").queryTextInputControl().getText()).isEqualTo("http://example.org");
        robot.clickOn("#join");
        shoot("lobby-errors");
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "zh-CN"})
    void lobbyWithoutDevices(String tag) throws Exception {
        start(tag, stored(tag).withIdentity("Ada", null), new FakeCaptureFactory(List.of(), List.of()), 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> robot.lookup("#cameraPicker").query().isDisabled());
        robot.clickOn("#newMeeting");
        await().atMost(Duration.ofSeconds(10)).until(() -> Visibility.shown(robot.lookup("#lobbyStatus").query()));
        shoot("lobby-no-devices");
    }

    /** Two meetings this computer scheduled, in the lobby's "Upcoming meetings". */
    @ParameterizedTest
    @ValueSource(strings = {"en", "zh-CN"})
    void lobbyUpcomingMeetings(String tag) throws Exception {
        startWithSchedule(tag);
        await().atMost(Duration.ofSeconds(10)).until(() -> robot.lookup("#upcomingTitle-4842628111").tryQuery().isPresent());
        shoot("lobby-upcoming");
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "zh-CN"})
    void scheduleDialog(String tag) throws Exception {
        startWithSchedule(tag);
        robot.clickOn("#edit-4842628111");
        await().atMost(Duration.ofSeconds(10)).until(() -> robot.lookup("#scheduleDialog").tryQuery().isPresent());
        shootWindow("schedule-dialog", robot.lookup("#scheduleDialog").query().getScene().getWindow());
        robot.interact(() -> robot.lookup("#scheduleDialog").queryAs(javafx.scene.control.DialogPane.class).getScene()
                .getWindow().hide());
    }

    private void startWithSchedule(String tag) throws Exception {
        lang = tag;
        app = new AppHarness(dir, FakeCaptureFactory.withRealDevices()).agreedBefore(stored(tag).withIdentity("Ada Lovelace", null));
        var schedule = dev.confab.meeting.schedule.LocalSchedule.of(app.paths);
        java.net.URI server = java.net.URI.create("wss://confab.example.org:47100");
        java.time.ZoneId berlin = java.time.ZoneId.of("Europe/Berlin");
        schedule.save(new dev.confab.meeting.schedule.PlannedMeeting("4842628111", server, null,
                new dev.confab.meeting.schedule.MeetingPlan("Budget review", java.time.Instant.parse("2030-01-14T08:30:00Z"),
                        Duration.ofMinutes(45), berlin, "4711", false, dev.confab.meeting.RecordingRule.HOST_ONLY),
                "host-key", 0, java.time.Instant.parse("2030-01-14T10:15:00Z")));
        schedule.save(new dev.confab.meeting.schedule.PlannedMeeting("5550001234", server, null,
                new dev.confab.meeting.schedule.MeetingPlan("产品周会 Weekly", java.time.Instant.parse("2030-01-16T02:00:00Z"),
                        Duration.ofMinutes(60), java.time.ZoneId.of("Asia/Shanghai"), null, true,
                        dev.confab.meeting.RecordingRule.HOST_ONLY),
                "host-key-2", 0, java.time.Instant.parse("2030-01-16T04:00:00Z")));
        schedule.save(new dev.confab.meeting.schedule.PlannedMeeting("5550009876", server, null,
                new dev.confab.meeting.schedule.MeetingPlan("Quarterly planning with the design and sales teams",
                        java.time.Instant.parse("2030-01-20T13:00:00Z"), Duration.ofMinutes(90), berlin, null, false,
                        dev.confab.meeting.RecordingRule.HOST_ONLY),
                "host-key-3", 0, java.time.Instant.parse("2030-01-20T15:00:00Z")));
        app.meetings.scheduling = new LocalScheduling(schedule, Duration.ofSeconds(10));
        app.start(osLocale(tag));
        awaitLivePreview();
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "zh-CN"})
    void lobbyDark(String tag) throws Exception {
        start(tag, stored(tag).withIdentity("Ada Lovelace", null).withTheme(Settings.Theme.DARK),
                FakeCaptureFactory.withRealDevices(), 1);
        awaitLivePreview();
        shoot("lobby-dark");
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "zh-CN"})
    void lobbyEnforcedServer(String tag) throws Exception {
        Path policy = Files.writeString(dir.resolve("policy.json"), """
                { "enforced": { "serverUrl": "wss://meet.example.org", "allowThisComputerHosting": false } }
                """);
        lang = tag;
        app = new AppHarness(dir.resolve("home"), FakeCaptureFactory.withRealDevices()).withPolicy(policy)
                .agreedBefore(1, stored(tag).withIdentity("Ada Lovelace", null));
        app.start(osLocale(tag), 1);
        awaitLivePreview();
        assertThat(robot.lookup("#serverLock").tryQuery()).isPresent();
        shoot("lobby-enforced-server");
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "zh-CN"})
    void lobbyPolicyNotice(String tag) throws Exception {
        Path policy = Files.writeString(dir.resolve("policy.json"), """
                { "enforced": { "allowThisComputerHosting": false, "defaultLanguage": "%s" },
                  "defaults": { "chatAllowed": "no" } }
                """.formatted(tag));
        lang = tag;
        app = new AppHarness(dir.resolve("home"), FakeCaptureFactory.withRealDevices()).withPolicy(policy)
                .agreedBefore(1, stored(tag).withIdentity("Ada Lovelace", null));
        app.start(osLocale(tag), 1);
        awaitLivePreview();
        assertThat(robot.lookup("#hostingNotAllowed").tryQuery()).isPresent();
        shoot("lobby-policy-notice");
        robot.clickOn("#settingsButton");
        await().atMost(Duration.ofSeconds(10)).until(() -> robot.lookup("#dataFolders").tryQuery().isPresent());
        liveSelectors = java.util.Set.of("#dataFolders"); // temporary folders
        shoot("settings-language-locked");
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "zh-CN"})
    void lobbyLinkQuestion(String tag) throws Exception {
        start(tag, stored(tag).withIdentity("Ada Lovelace", null), FakeCaptureFactory.withRealDevices(), 1);
        awaitLivePreview();
        app.links.offerText("confab://join?server=wss%3A%2F%2Fmeet.example.org&meeting=1234567890&passcode=abc123");
        await().atMost(Duration.ofSeconds(10)).until(() -> robot.lookup("#joinLinkPrompt").tryQuery().isPresent());
        javafx.stage.Window dialog = robot.lookup("#joinLinkPrompt").query().getScene().getWindow();
        shoot("lobby-link-filled");
        shootWindow("link-question", dialog);
        await().atMost(Duration.ofSeconds(10)).until(() -> Visibility.shown(robot.lookup("#joinLinkNotNow").query()));
        robot.clickOn("#joinLinkNotNow");
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "zh-CN"})
    void settingsRecoveredNotice(String tag) throws Exception {
        AppHarness harness = new AppHarness(dir, FakeCaptureFactory.withRealDevices()).agreedBefore(stored(tag));
        Files.writeString(harness.paths.settingsFile(), "{ not json");
        app = harness;
        lang = tag;
        app.start(osLocale(tag));
        shoot("lobby-settings-recovered");
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "zh-CN"})
    void settingsPage(String tag) throws Exception {
        start(tag, stored(tag), FakeCaptureFactory.withRealDevices(), 1);
        robot.clickOn("#settingsButton");
        await().atMost(Duration.ofSeconds(10)).until(() -> robot.lookup("#withdraw").tryQuery().isPresent());
        robot.clickOn("#withdraw");
        liveSelectors = java.util.Set.of("#dataFolders"); // temporary folders
        shoot("settings");
    }

    /** Settings → Recordings folder: a chosen folder, then a refused choice (a file) with its reason. */
    @ParameterizedTest
    @ValueSource(strings = {"en", "zh-CN"})
    void settingsRecordingsFolder(String tag) throws Exception {
        start(tag, stored(tag).withRecordingsFolder(dir.resolve("Meetings").toString()),
                FakeCaptureFactory.withRealDevices(), 1);
        Path file = Files.writeString(dir.resolve("notes.txt"), "not a folder");
        robot.clickOn("#settingsButton");
        robot.interact(() -> app.controller.setFolderChooser((owner, title, startIn) -> java.util.Optional.of(file)));
        robot.interact(() -> robot.lookup("#changeRecordingsFolder").queryButton().fire());
        await().atMost(Duration.ofSeconds(5)).until(() -> Visibility.shown(robot.lookup("#recordingsFolderError").query()));
        robot.interact(() -> robot.lookup("#settings").queryAs(javafx.scene.control.ScrollPane.class).setVvalue(1));
        liveSelectors = java.util.Set.of("#dataFolders", "#recordingsFolderPath", "#recordingsFolderError"); // temporary folders
        shoot("settings-recordings-folder");
    }

    // ---- meeting ------------------------------------------------------------------------------------

    private dev.confab.ui.meeting.MeetingScreen showMeeting(String tag, int participants, int hostId) throws Exception {
        start(tag, stored(tag).withIdentity("Ada Lovelace", null), FakeCaptureFactory.withRealDevices(), 1);
        var roster = dev.confab.ui.meeting.TestRosters.roster(participants, hostId);
        AtomicReference<dev.confab.ui.meeting.MeetingScreen> screen = new AtomicReference<>();
        robot.interact(() -> {
            var s = new dev.confab.ui.meeting.MeetingScreen(app.controller.text(),
                    dev.confab.ui.meeting.TestRosters.noCommands(),
                    new dev.confab.ui.meeting.MeetingViewModel.Invite(List.of(java.net.URI.create("wss://192.168.1.20:47100")),
                            "3F:A9:0C:77:12:5B:E4:D1:8A:6C:2F:90:B3:47:DE:05:61:AC:9E:38:F2:14:7D:C0:5A:B9:23:E6:81:4F:0D:C7"),
                    dev.confab.meeting.OwnMediaState.INITIAL.withCameraOn(true));
            app.controller.show(s);
            s.showRoster(roster);
            s.setSpeaking(4, true); // the loudest unmuted voice
            // Voices for the tiles' level meters (3 and 6 are muted: they show the icon instead).
            s.tile(1).ifPresent(t -> t.setLevelSource(dev.confab.ui.meeting.TestRosters.voice(0.05)));
            s.tile(2).ifPresent(t -> t.setLevelSource(dev.confab.ui.meeting.TestRosters.voice(0.01)));
            s.tile(3).ifPresent(t -> t.setLevelSource(dev.confab.ui.meeting.TestRosters.voice(0.3)));
            s.tile(4).ifPresent(t -> t.setLevelSource(dev.confab.ui.meeting.TestRosters.voice(0.3)));
            s.tile(2).orElseThrow().setQuality(1);
            s.tile(3).orElseThrow().setQuality(3);
            s.tile(4).orElseThrow().setStats("640×360 · 30 fps · 820 kbit/s · loss 0.4%");
            screen.set(s);
        });
        dev.confab.ui.meeting.MeetingScreen s = screen.get();
        // Self view (mirrored) and participant 4 get live frames from a test pattern generator.
        for (int n = 0; n < 3; n++) {
            dev.confab.ui.meeting.TestRosters.paintFrame(s.selfView(), 320, 180, n);
            dev.confab.ui.meeting.TestRosters.paintFrame(s.videoViewFor(4), 320, 180, n + 40);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> s.selfView().framesShown() > 0 && s.videoViewFor(4).framesShown() > 0);
        return s;
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "zh-CN"})
    void meetingFour(String tag) throws Exception {
        showMeeting(tag, 4, 2);
        shoot("meeting-4");
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "zh-CN"})
    void meetingListenOnly(String tag) throws Exception {
        var screen = showMeeting(tag, 4, 2);
        robot.interact(screen::showListenOnly);
        // What the server sends back once the app has said it is muted: the list agrees with the tile.
        var roster = dev.confab.ui.meeting.TestRosters.roster(4, 2);
        var people = roster.participants().stream().map(p -> p.id() != 1 ? p : new dev.confab.meeting.Attendee(
                p.id(), p.displayName(), p.host(), true, p.cameraOn(), p.sharing(), p.recording(), p.connected(),
                p.joinedAt())).toList();
        robot.interact(() -> screen.showRoster(new dev.confab.meeting.Roster(roster.meetingId(), roster.selfId(),
                roster.hostId(), roster.locked(), roster.passcodeProtected(), people, roster.departed())));
        robot.clickOn("#muteButton"); // says why instead of unmuting
        assertThat(robot.lookup("#listenOnly").tryQuery()).isPresent();
        shoot("meeting-listen-only");
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "zh-CN"})
    void meetingOnAPoorConnection(String tag) throws Exception {
        var screen = showMeeting(tag, 9, 2);
        // The server paused participant 8's camera for this downlink (cameras_paused): avatar and a note.
        robot.interact(() -> screen.tile(8).orElseThrow().setVideoPaused(true));
        assertThat(screen.tile(8).orElseThrow().videoPaused()).isTrue();
        shoot("meeting-video-paused");
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "zh-CN"})
    void meetingTwelveAsHost(String tag) throws Exception {
        var screen = showMeeting(tag, 12, 1);
        robot.interact(() -> screen.grid().showStatsProperty().set(true));
        shoot("meeting-12-host");
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "zh-CN"})
    void meetingSpeakerViewReconnecting(String tag) throws Exception {
        var screen = showMeeting(tag, 6, 2);
        robot.interact(() -> {
            screen.grid().speakerViewProperty().set(true);
            screen.showState(new dev.confab.meeting.SessionState.Reconnecting(2, java.time.Instant.now().plusSeconds(60)));
            screen.muteRequested(dev.confab.ui.meeting.TestRosters.roster(6).find(2).orElseThrow());
        });
        shoot("meeting-speaker-reconnecting");
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "zh-CN"})
    void meetingMovingToAnotherServer(String tag) throws Exception {
        var screen = showMeeting(tag, 4, 1);
        robot.interact(() -> screen.showState(new dev.confab.meeting.SessionState.Reconnecting(2,
                java.time.Instant.now().plusSeconds(60), true)));
        shoot("meeting-moving");
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "zh-CN"})
    void meetingBeingRecorded(String tag) throws Exception {
        var screen = showMeeting(tag, 4, 2);
        var roster = dev.confab.ui.meeting.TestRosters.roster(4, 2);
        var recording = new dev.confab.meeting.Roster(roster.meetingId(), roster.selfId(), roster.hostId(), roster.locked(),
                roster.passcodeProtected(), roster.participants().stream().map(p -> p.id() != 2 ? p
                        : new dev.confab.meeting.Attendee(p.id(), p.displayName(), p.host(), p.muted(), p.cameraOn(),
                                p.sharing(), true, p.connected(), p.joinedAt())).toList(), List.of());
        robot.interact(() -> {
            var binding = new dev.confab.ui.meeting.RecordingBinding(app.controller.text(), new dev.confab.ui.meeting.RecordingCommands() {
                @Override
                public void startRecording() {
                }

                @Override
                public void stopRecording() {
                }

                @Override
                public void setRecordingPolicy(dev.confab.meeting.RecordingRule policy) {
                }

                @Override
                public void leave() {
                }
            }, screen, dev.confab.ui.meeting.RecordingSetup.defaults(), app.controller.permissions());
            screen.showRoster(recording);
            binding.onRosterChanged(recording);
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> robot.lookup("#recordingPrompt").tryQuery().isPresent());
        shoot("meeting-recording-prompt");
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "zh-CN"})
    void recordingsList(String tag) throws Exception {
        start(tag, stored(tag), FakeCaptureFactory.withRealDevices(), 1);
        Path folder = dev.confab.privacy.DataLocations.forApp(app.paths).recordings();
        java.nio.file.Files.createDirectories(folder);
        dev.confab.recording.TestRecordings.record(folder.resolve("Weekly planning 2026-11-23 10-00.mp4"), "Weekly planning",
                java.time.Instant.parse("2026-11-23T10:00:00Z"), 3);
        dev.confab.storage.AtRest.useVault(app.paths, new dev.confab.storage.MemoryVault()); // an encrypted one: the lock
        dev.confab.recording.TestRecordings.recordEncrypted(folder, "设计评审",
                java.time.ZonedDateTime.parse("2026-11-20T15:30:00Z"), 2, dev.confab.storage.AtRest.files(app.paths));
        robot.clickOn("#recordingsButton");
        var table = robot.lookup("#recordingsTable").queryAs(javafx.scene.control.TableView.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> table.getItems().size() == 2);
        robot.interact(() -> table.getSelectionModel().select(0));
        robot.clickOn("#deleteRecording");
        liveSelectors = java.util.Set.of("#recordingsFolder"); // a temporary folder
        shoot("recordings");
        dev.confab.storage.AtRest.useKeychain(app.paths);
    }

    private dev.confab.ui.meeting.MeetingLauncher launcher;
    private MeetingRig rig;

    @AfterEach
    void stopMeetings() {
        if (launcher != null) {
            launcher.close();
        }
        if (rig != null) {
            rig.close();
        }
    }

    private void startWithMeetings(String tag) throws Exception {
        lang = tag;
        app = new AppHarness(dir.resolve("app"), FakeCaptureFactory.withRealDevices()).agreedBefore(1, stored(tag).withIdentity("Ada Lovelace", null));
        launcher = new dev.confab.ui.meeting.MeetingLauncher(app.paths,
                new dev.confab.meeting.LocalServer(dir.resolve("local"), false), app.capture);
        app.withMeetings(launcher).start(osLocale(tag), 1);
    }

    /** A real demo meeting: three synthetic participants with live test patterns, tones and chat. */
    private dev.confab.ui.meeting.MeetingScreen joinDemo(String tag) throws Exception {
        startWithMeetings(tag);
        robot.clickOn("#tryDemo");
        await().atMost(Duration.ofSeconds(40)).until(() -> app.controller.currentScreen() instanceof dev.confab.ui.meeting.MeetingScreen);
        var screen = (dev.confab.ui.meeting.MeetingScreen) app.controller.currentScreen();
        await().atMost(Duration.ofSeconds(30)).until(() -> screen.grid().tiles().size() == 4
                && screen.grid().tiles().stream().filter(t -> !t.isSelf()).allMatch(t -> t.videoView().framesShown() > 10)
                && screen.grid().tiles().stream().anyMatch(t -> !t.isSelf() && t.quality() > 0));
        return screen;
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "zh-CN"})
    void demoMeetingLive(String tag) throws Exception {
        var screen = joinDemo(tag);
        robot.interact(() -> screen.grid().showStatsProperty().set(true));
        await().atMost(Duration.ofSeconds(10)).until(() -> screen.grid().tiles().stream()
                .anyMatch(t -> !t.isSelf() && t.isSpeaking() && t.shownLevel() > 0.3));
        shootForReviewOnly("meeting-demo-live");
        // With every feature's control in the bar, Chinese labels (which no ellipsis can shorten) once made the
        // whole screen wider than its window: Leave, Settings and the participants' icons were cut off.
        var leave = robot.lookup("#leaveButton").queryAs(javafx.scene.control.Labeled.class);
        var settings = robot.lookup("#settingsButton").tryQueryAs(javafx.scene.Node.class);
        double windowWidth = leave.getScene().getWidth();
        assertThat(leave.localToScene(leave.getBoundsInLocal()).getMaxX()).as("Leave in the window")
                .isLessThanOrEqualTo(windowWidth);
        settings.ifPresent(node -> assertThat(node.localToScene(node.getBoundsInLocal()).getMaxX())
                .as("Settings in the window").isLessThanOrEqualTo(windowWidth));
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "zh-CN"})
    void demoMeetingChat(String tag) throws Exception {
        var screen = joinDemo(tag);
        robot.clickOn("#chatButton");
        @SuppressWarnings("unchecked")
        javafx.scene.control.ListView<Object> messages = robot.lookup("#chatMessages").queryAs(javafx.scene.control.ListView.class);
        // read on the FX thread, which adds the demo participants' messages to the list meanwhile
        await().atMost(Duration.ofSeconds(30)).until(() -> WaitForAsyncUtils.asyncFx(() -> messages.getItems().stream()
                .filter(e -> e instanceof dev.confab.meeting.ChatModel.Message).count()).get() >= 3);
        // The side panel opens with the chat: click its input only once it is laid out (a click aimed while it
        // was still moving once landed on the attach button beside it, whose file dialog headless JavaFX lacks).
        WaitForAsyncUtils.waitForFxEvents();
        await().atMost(Duration.ofSeconds(10)).until(() -> robot.lookup("#chatInput").tryQuery()
                .map(n -> n.isVisible() && n.getScene() != null && n.localToScreen(n.getBoundsInLocal()).getWidth() > 0)
                .orElse(false));
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#chatInput").write(tag.startsWith("zh") ? "大家好！" : "Hello everyone!");
        robot.clickOn("#chatSend");
        await().atMost(Duration.ofSeconds(30)).until(() -> WaitForAsyncUtils.asyncFx(() -> messages.getItems().stream()
                .filter(e -> e instanceof dev.confab.meeting.ChatModel.Message m && m.own()).count()).get() == 1);
        shootForReviewOnly("meeting-demo-chat");
    }

    private void joinRemote(java.net.URI server, String meetingId, String passcode) {
        robot.interact(() -> {
            robot.lookup("#serverPicker").queryAs(javafx.scene.control.ComboBox.class).getSelectionModel().select(1);
            robot.lookup("#serverAddress").queryTextInputControl().setText(server.toString());
            robot.lookup("#meetingId").queryTextInputControl().setText(meetingId);
            robot.lookup("#passcode").queryTextInputControl().setText(passcode);
        });
        robot.clickOn("#join");
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "zh-CN"})
    void lobbyConnecting(String tag) throws Exception {
        // A server that accepts the connection and then never says a word: the lobby stays in "connecting".
        try (var silent = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            startWithMeetings(tag);
            joinRemote(java.net.URI.create("wss://127.0.0.1:" + silent.getLocalPort()), "1234567890", "");
            await().atMost(Duration.ofSeconds(30)).until(() -> robot.lookup("#cancelConnecting").query().isVisible());
            liveSelectors = java.util.Set.of("#serverAddress"); // a random port
            shoot("lobby-connecting");
            robot.clickOn("#cancelConnecting");
            await().atMost(Duration.ofSeconds(15)).until(() -> !robot.lookup("#join").query().isDisabled());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "zh-CN"})
    void lobbyWrongPasscode(String tag) throws Exception {
        rig = new MeetingRig(dir.resolve("server"));
        var host = rig.host("Grace", "secret");
        startWithMeetings(tag);
        rig.pinIn(app.paths, rig.url());
        joinRemote(rig.url(), host.roster().meetingId(), "guess");
        await().atMost(Duration.ofSeconds(15)).until(() -> !robot.lookup("#join").query().isDisabled()
                && robot.lookup("#lobbyStatus").query().isVisible());
        liveSelectors = java.util.Set.of("#serverAddress", "#meetingId"); // a random port and meeting ID
        shoot("lobby-wrong-passcode");
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "zh-CN"})
    void certificatePrompt(String tag) throws Exception {
        rig = new MeetingRig(dir.resolve("server"));
        var host = rig.host("Grace", null);
        startWithMeetings(tag);
        joinRemote(rig.url(), host.roster().meetingId(), "");
        await().atMost(Duration.ofSeconds(15)).until(() -> robot.lookup("#certificatePrompt").tryQuery().isPresent());
        javafx.stage.Window dialog = robot.lookup("#certificatePrompt").query().getScene().getWindow();
        await().atMost(Duration.ofSeconds(10)).until(() -> Visibility.shown(robot.lookup("#lobbyStatus").query()));
        // A random port, meeting ID and certificate.
        liveSelectors = java.util.Set.of("#serverAddress", "#meetingId", "#fingerprint", ".header-panel");
        shoot("lobby-certificate-error");
        shootWindow("certificate-prompt", dialog);
        robot.clickOn("#cancelCertificate");
    }

    /** Saves one window (e.g. a dialog) as {@code <name>-<lang>.png} and compares it with its reference. */
    private void shootWindow(String name, javafx.stage.Window window) throws IOException {
        WaitForAsyncUtils.waitForFxEvents();
        AtomicReference<WritableImage> image = new AtomicReference<>();
        AtomicReference<List<java.awt.Rectangle>> live = new AtomicReference<>();
        WaitForAsyncUtils.asyncFx(() -> {
            image.set(window.getScene().snapshot(null));
            live.set(LiveRegions.in(window.getScene(), liveSelectors));
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(image.get()).isNotNull();
        save(name, image.get(), live.get());
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "zh-CN"})
    void privacyCenter(String tag) throws Exception {
        lang = tag;
        app = new AppHarness(dir, FakeCaptureFactory.syntheticOnly()).agreedBefore(stored(tag).withIdentity("Ada Lovelace", null));
        PrivacyCenterViewTest.seed(app);
        app.start(osLocale(tag));
        robot.clickOn("#settingsButton");
        robot.clickOn("#privacyCenterButton");
        await().atMost(Duration.ofSeconds(10)).until(() -> "2".equals(robot.lookup("#items-meeting-history").queryLabeled().getText()));
        robot.clickOn("#delete-logs");
        shoot("privacy-center");
        robot.interact(() -> robot.lookup("#privacyCenter").queryAs(javafx.scene.control.ScrollPane.class).setVvalue(0.45));
        shoot("privacy-center-middle");
        robot.interact(() -> robot.lookup("#privacyCenter").queryAs(javafx.scene.control.ScrollPane.class).setVvalue(1));
        shoot("privacy-center-lower");
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "zh-CN"})
    void shareStageWithAnnotations(String tag) throws Exception {
        lang = tag;
        FxToolkit.registerPrimaryStage();
        var model = new dev.confab.meeting.share.AnnotationModel(1);
        model.apply(1, dev.confab.meeting.ShareAnnotation.stroke("h", dev.confab.meeting.ShareAnnotation.Tool.HIGHLIGHTER,
                "#FFEB3B", 0.02, List.of(0.08, 0.12, 0.45, 0.12)));
        model.apply(2, dev.confab.meeting.ShareAnnotation.stroke("a", dev.confab.meeting.ShareAnnotation.Tool.ARROW,
                "#E53935", 0.004, List.of(0.75, 0.8, 0.55, 0.55)));
        model.apply(2, dev.confab.meeting.ShareAnnotation.stroke("p", dev.confab.meeting.ShareAnnotation.Tool.PEN, "#1E88E5",
                0.004, List.of(0.2, 0.6, 0.25, 0.7, 0.3, 0.62, 0.35, 0.72, 0.4, 0.6)));
        model.apply(1, dev.confab.meeting.ShareAnnotation.text("t", "#FFFFFF", 0.006, 0.6, 0.85,
                tag.startsWith("zh") ? "看这里" : "Look here"));
        AtomicReference<javafx.stage.Stage> window = new AtomicReference<>();
        AtomicReference<dev.confab.ui.share.ShareStage> stage = new AtomicReference<>();
        FxToolkit.setupFixture(() -> {
            var share = new dev.confab.ui.share.ShareStage(new UiText(osLocale(tag)), 2, "Alice", model, a -> { });
            var w = new javafx.stage.Stage();
            w.setScene(new javafx.scene.Scene(share, 960, 640));
            w.show();
            stage.set(share);
            window.set(w);
        });
        var screens = dev.confab.media.ScreenCaptureFactory.syntheticOnly();
        try (var capture = screens.openScreen(dev.confab.media.ScreenCaptureFactory.SYNTHETIC_SCREEN,
                new dev.confab.media.VideoFormat(1280, 720, 10), stage.get())) {
            await().atMost(Duration.ofSeconds(10)).until(() -> stage.get().video().framesShown() > 3);
        }
        try {
            shoot("share-stage", () -> window.get().getScene());
        } finally {
            FxToolkit.setupFixture(() -> window.get().close());
        }
    }

    /** A whiteboard as its sharer sees it: page 2 of 2 with the four tools' shapes, the page and save controls. */
    @ParameterizedTest
    @ValueSource(strings = {"en", "zh-CN"})
    void whiteboardStage(String tag) throws Exception {
        lang = tag;
        FxToolkit.registerPrimaryStage();
        var model = new dev.confab.meeting.share.AnnotationModel(2);
        model.apply(2, dev.confab.meeting.ShareAnnotation.page(1));
        sampleBoard(model, tag);
        AtomicReference<javafx.stage.Stage> window = new AtomicReference<>();
        FxToolkit.setupFixture(() -> {
            var share = new dev.confab.ui.share.ShareStage(new UiText(osLocale(tag)), 2, "Ada", model, a -> { });
            share.showWhiteboard(new UiText(osLocale(tag)).get("meeting.you", "Ada"), true);
            var w = new javafx.stage.Stage();
            w.setScene(new javafx.scene.Scene(share, 960, 640));
            w.show();
            window.set(w);
        });
        try {
            shoot("whiteboard-stage", () -> window.get().getScene());
        } finally {
            FxToolkit.setupFixture(() -> window.get().close());
        }
    }

    /** Shapes with each whiteboard tool, by the sharer (2) and a viewer (3). */
    private static void sampleBoard(dev.confab.meeting.share.AnnotationModel model, String tag) {
        model.apply(2, dev.confab.meeting.ShareAnnotation.text("t", "#212121", 0.008, 0.08, 0.08,
                tag.startsWith("zh") ? "发布计划" : "Release plan"));
        model.apply(2, dev.confab.meeting.ShareAnnotation.stroke("p", dev.confab.meeting.ShareAnnotation.Tool.PEN, "#1E88E5",
                0.004, List.of(0.1, 0.5, 0.2, 0.35, 0.3, 0.55, 0.4, 0.4, 0.5, 0.6, 0.6, 0.45)));
        model.apply(3, dev.confab.meeting.ShareAnnotation.stroke("h", dev.confab.meeting.ShareAnnotation.Tool.HIGHLIGHTER,
                "#FFEB3B", 0.02, List.of(0.08, 0.2, 0.4, 0.2)));
        model.apply(3, dev.confab.meeting.ShareAnnotation.stroke("a", dev.confab.meeting.ShareAnnotation.Tool.ARROW,
                "#E53935", 0.004, List.of(0.85, 0.85, 0.62, 0.5)));
    }

    /** Ada starts a meeting on this computer's server in the app (able to share); Grace joins it with a share controller. */
    private SharingPeer adaHostsAndGraceJoins(String tag) throws Exception {
        lang = tag;
        app = new AppHarness(dir.resolve("app"), FakeCaptureFactory.withRealDevices()).agreedBefore(1, stored(tag).withIdentity("Ada Lovelace", null));
        var local = new dev.confab.meeting.LocalServer(dir.resolve("local"), false);
        launcher = new dev.confab.ui.meeting.MeetingLauncher(app.paths, local, app.capture, o -> o,
                new dev.confab.ui.meeting.MeetingLauncher.Sharing(dev.confab.media.ScreenCaptureFactory.syntheticOnly(), () -> true));
        app.withMeetings(launcher).start(osLocale(tag), 1);
        robot.clickOn("#newMeeting");
        await().atMost(Duration.ofSeconds(20)).until(() -> app.controller.currentScreen() instanceof dev.confab.ui.meeting.MeetingScreen);
        WaitForAsyncUtils.waitForFxEvents();
        String meetingId = MeetingIds.digitsOf(robot.lookup("#meetingTitle").queryLabeled().getText());
        liveSelectors = java.util.Set.of("#meetingTitle", "#elapsed", "#invite", ".quality-bars"); // a random meeting ID, the clock, a live link measure
        var server = local.running().orElseThrow();
        return new SharingPeer(server.localUrl(), server.fingerprint(), "Grace Hopper", meetingId);
    }

    /** Grace opens a whiteboard and draws on it; Ada's meeting screen shows the board in the middle. */
    @ParameterizedTest
    @ValueSource(strings = {"en", "zh-CN"})
    void meetingWithAWhiteboard(String tag) throws Exception {
        try (var grace = adaHostsAndGraceJoins(tag)) {
            grace.shares.startWhiteboard(true);
            await().atMost(Duration.ofSeconds(20)).until(() -> robot.lookup("#whiteboardBar").tryQuery().isPresent());
            var board = new dev.confab.meeting.share.AnnotationModel(grace.id());
            sampleBoard(board, tag);
            for (var shape : board.shapes()) {
                grace.shares.annotate(grace.id(), shape.annotation());
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> robot.lookup("#annotationOverlay")
                    .queryAs(dev.confab.ui.share.AnnotationOverlay.class).model().shapes().size() == 4);
            // Ada's own camera is in the picture: wait until her tile shows it rather than her initials.
            await().atMost(Duration.ofSeconds(20)).until(() -> app.controller.currentScreen()
                    instanceof dev.confab.ui.meeting.MeetingScreen screen && screen.selfView().framesShown() > 2);
            shoot("meeting-whiteboard");
            grace.shares.stop();
            await().atMost(Duration.ofSeconds(20)).until(() -> robot.lookup("#shareStage").tryQuery().isEmpty());
            // Ada opens her own: Share → Whiteboard, draws, adds a page.
            robot.clickOn("#shareButton");
            await().atMost(Duration.ofSeconds(10)).until(() -> robot.lookup("#startWhiteboard").tryQuery().isPresent());
            robot.clickOn("#startWhiteboard");
            await().atMost(Duration.ofSeconds(20)).until(() -> robot.lookup("#whiteboardAddPage").tryQuery()
                    .map(javafx.scene.Node::isVisible).orElse(false));
            assertThat(robot.lookup("#sharingMessage").queryLabeled().getText())
                    .isEqualTo(tag.startsWith("zh") ? "你正在共享白板" : "You are sharing a whiteboard");
            robot.moveTo("#annotationOverlay").press(javafx.scene.input.MouseButton.PRIMARY).moveBy(40, 15).moveBy(40, -15)
                    .release(javafx.scene.input.MouseButton.PRIMARY);
            var ownBoard = robot.lookup("#annotationOverlay").queryAs(dev.confab.ui.share.AnnotationOverlay.class).model();
            await().atMost(Duration.ofSeconds(10)).until(() -> ownBoard.shapes().size() == 1);
            await().atMost(Duration.ofSeconds(10)).until(() -> grace.shares.annotations(ownBoard.sharerId()) != null
                    && grace.shares.annotations(ownBoard.sharerId()).shapes().size() == 1);
            robot.clickOn("#whiteboardAddPage");
            await().atMost(Duration.ofSeconds(10)).until(() -> grace.shares.annotations(ownBoard.sharerId()).pageCount() == 2);
            shoot("meeting-whiteboard-self");
            robot.clickOn("#stopSharing");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "zh-CN"})
    void sharePicker(String tag) throws Exception {
        shootPicker(tag, dev.confab.media.ScreenCaptureFactory.syntheticOnly(), "share-picker", () -> {
            robot.clickOn("#screenTile-1");
            robot.clickOn("#shareRegion");
            robot.clickOn("#shareComputerSound");
        });
    }

    /** The picker on a desktop with other programs' windows (a real X server, Xvfb): screens, then windows. */
    @ParameterizedTest
    @ValueSource(strings = {"en", "zh-CN"})
    void sharePickerWithWindows(String tag) throws Exception {
        try (var desktop = dev.confab.testing.XvfbDisplay.start(1280, 720)) {
            long other = desktop.serverPid();
            desktop.paintDesktop(0x3A6EA5);
            desktop.openWindow("Quarterly report.ods — LibreOffice Calc", 0xF2F2F2, 40, 40, 640, 400, other);
            desktop.openWindow("Release notes — Text Editor", 0xFFF4C2, 720, 40, 520, 380, other);
            desktop.openWindow("Terminal", 0x202020, 40, 480, 600, 200, other);
            shootPicker(tag, dev.confab.media.ScreenCaptureFactory.forX11Display(desktop.name()), "share-picker-windows",
                    () -> robot.clickOn("#windowTile-1"));
        }
    }

    /** Shows the picker over {@code screens} in its own 640x760 window, waits for every thumbnail, acts, shoots. */
    private void shootPicker(String tag, dev.confab.media.ScreenCaptureFactory screens, String name, Runnable act)
            throws Exception {
        lang = tag;
        FxToolkit.registerPrimaryStage();
        AtomicReference<javafx.stage.Stage> window = new AtomicReference<>();
        AtomicReference<dev.confab.ui.share.SharePicker> picker = new AtomicReference<>();
        FxToolkit.setupFixture(() -> {
            javafx.application.Application.setUserAgentStylesheet(
                    new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet());
            // Computer sound offered whatever this machine's sound server: the picture must not depend on it.
            var p = new dev.confab.ui.share.SharePicker(new UiText(osLocale(tag)), screens,
                    dev.confab.media.ComputerSoundCapture.Availability.AVAILABLE, choice -> { }, () -> { });
            var w = new javafx.stage.Stage();
            w.setScene(new javafx.scene.Scene(p, 640, 760));
            w.show();
            picker.set(p);
            window.set(w);
        });
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> picker.get().allThumbnailsShown());
            act.run();
            shoot(name, () -> window.get().getScene());
        } finally {
            picker.get().close();
            FxToolkit.setupFixture(() -> window.get().close());
        }
    }

    private static Settings stored(String tag) {
        return Settings.defaults().withLanguage(tag);
    }

    private static Locale osLocale(String tag) {
        return Locale.forLanguageTag(tag);
    }

    private void start(String tag, Settings agreed, FakeCaptureFactory capture, int noticeVersion) throws Exception {
        lang = tag;
        app = new AppHarness(dir, capture);
        if (agreed != null) {
            app.agreedBefore(1, agreed);
        }
        app.start(osLocale(tag), noticeVersion);
    }

    private void awaitLivePreview() {
        await().atMost(Duration.ofSeconds(10)).until(() ->
                robot.lookup("#preview").queryAs(dev.confab.ui.video.VideoView.class).framesShown() > 2
                        && robot.lookup("#micLevel").queryAs(LevelMeter.class).fraction() > 0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "zh-CN"})
    void chatPanel(String tag) throws Exception {
        var scene = sampleChat(tag, 760, panel -> { });
        robot.clickOn(".chat-link");
        javafx.scene.control.ComboBox<?> to = robot.lookup("#chatRecipient").queryAs(javafx.scene.control.ComboBox.class);
        liveSelectors = java.util.Set.of("#chatSecurityCode"); // from fresh keys
        robot.interact(() -> to.getSelectionModel().select(1));
        robot.clickOn("#chatInput").write("Shall we start?");
        shoot("chat-panel", scene::get);
    }

    /**
     * Files in the chat: one on its way out (progress), one received (its SHA-256 shown), one that could not
     * arrive whole. The cards are fed the states the session reports; nothing is sent.
     */
    @ParameterizedTest
    @ValueSource(strings = {"en", "zh-CN"})
    void chatFiles(String tag) throws Exception {
        var scene = chatWithFiles(tag, files -> {
            files.progress(new dev.confab.meeting.files.FileSendStatus(1, "Q3 slides.pdf", 8_400_000, 3_150_000,
                    java.util.List.of(), dev.confab.meeting.files.FileSendStatus.State.SENDING));
            files.received(sampleFile("Budget 2027.xlsx", 1_250_000, false));
            files.failed(new dev.confab.meeting.files.FileFailure(dev.confab.meeting.files.FileFailure.Kind.CORRUPTED,
                    false, "photo.png", "Lin Wei", "test"));
        });
        robot.clickOn("#chatFileShowHash");
        shoot("chat-files", scene::get);
    }

    /** A received program: the warning, and Open that says "anyway". */
    @ParameterizedTest
    @ValueSource(strings = {"en", "zh-CN"})
    void chatFileExecutableWarning(String tag) throws Exception {
        var scene = chatWithFiles(tag, files -> files.received(sampleFile("setup-update.exe", 2_300_000, true)));
        shoot("chat-file-warning", scene::get);
    }

    /** The sample chat panel with files on, its cards fed by {@code feed}; its security code is live. */
    private AtomicReference<javafx.scene.Scene> chatWithFiles(String tag,
            java.util.function.Consumer<dev.confab.ui.chat.ChatFiles> feed) throws Exception {
        var files = new dev.confab.ui.chat.ChatFiles(Runnable::run);
        var scene = sampleChat(tag, 900, panel -> {
            panel.enableFiles(files, new NoDesk());
            feed.accept(files);
        });
        liveSelectors = java.util.Set.of("#chatSecurityCode"); // from fresh keys
        return scene;
    }

    /** A window {@code height} px tall with the chat panel of {@link ChatSamples}, after {@code setup} (FX thread). */
    private AtomicReference<javafx.scene.Scene> sampleChat(String tag, int height,
            java.util.function.Consumer<dev.confab.ui.chat.ChatPanel> setup) throws Exception {
        lang = tag;
        FxToolkit.registerPrimaryStage();
        AtomicReference<javafx.scene.Scene> scene = new AtomicReference<>();
        FxToolkit.setupFixture(() -> {
            // A window of its own, sized by the scene: the shared primary stage keeps whatever width the test
            // before left it, so the picture would depend on the order the tests run in.
            javafx.stage.Stage stage = new javafx.stage.Stage();
            chatStage = stage;
            javafx.application.Application.setUserAgentStylesheet(
                    new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet());
            var panel = new dev.confab.ui.chat.ChatPanel(new UiText(osLocale(tag)), ChatSamples.model(),
                    (to, text) -> { }, url -> { }, null);
            setup.accept(panel);
            scene.set(new javafx.scene.Scene(panel, 420, height));
            stage.setScene(scene.get());
            stage.show();
        });
        WaitForAsyncUtils.waitForFxEvents();
        return scene;
    }

    private static dev.confab.meeting.files.ReceivedFile sampleFile(String name, int size, boolean direct) {
        return new dev.confab.meeting.files.ReceivedFile(7, 2, "Grace Hopper", name,
                dev.confab.meeting.files.FileTypes.typeOf(name), size,
                "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", direct,
                java.time.Instant.parse("2026-12-06T10:15:00Z"), new byte[0]);
    }

    /** The tour sends, saves and opens nothing. */
    private static final class NoDesk implements dev.confab.ui.chat.FileSending {
        @Override
        public void send(java.util.List<Integer> to, java.nio.file.Path file) {
        }

        @Override
        public void cancel(int transferId) {
        }

        @Override
        public java.nio.file.Path chooseSaveLocation(String suggestedName) {
            return null;
        }

        @Override
        public void open(java.nio.file.Path file) {
        }

        @Override
        public java.nio.file.Path receivedFolder() {
            return java.nio.file.Path.of("unused");
        }

        @Override
        public java.util.List<java.nio.file.Path> chooseFilesToSend() {
            return java.util.List.of();
        }
    }

    /** Saves the whole window as {@code <name>-<lang>.png}. */
    @ParameterizedTest
    @ValueSource(strings = {"en", "zh-CN"})
    void meetingWhileSomeoneShares(String tag) throws Exception {
        try (var grace = adaHostsAndGraceJoins(tag)) {
            grace.shares.start(dev.confab.media.ScreenCaptureFactory.SYNTHETIC_SCREEN, true);
            await().atMost(Duration.ofSeconds(40)).until(() -> robot.lookup("#shareVideo").tryQuery()
                    .map(v -> ((dev.confab.ui.video.VideoView) v).framesShown() > 3).orElse(false));
            grace.shares.annotate(grace.id(), dev.confab.meeting.ShareAnnotation.stroke("g1", dev.confab.meeting.ShareAnnotation.Tool.ARROW,
                    "#E53935", 0.004, List.of(0.78, 0.78, 0.55, 0.55)));
            await().atMost(Duration.ofSeconds(10)).until(() -> robot.lookup("#annotationOverlay")
                    .queryAs(dev.confab.ui.share.AnnotationOverlay.class).model().shapes().size() == 1);
            shoot("meeting-share");
            grace.shares.stop();
            await().atMost(Duration.ofSeconds(20)).until(() -> robot.lookup("#shareStage").tryQuery().isEmpty());
            // Ada's own share: the red banner on top and her own picture in the middle.
            robot.clickOn("#shareButton");
            await().atMost(Duration.ofSeconds(10)).until(() -> robot.lookup("#sharePicker").tryQuery().isPresent());
            robot.clickOn("#screenTile-1");
            robot.clickOn("#startShare");
            await().atMost(Duration.ofSeconds(40)).until(() -> robot.lookup("#shareVideo").tryQuery()
                    .map(v -> ((dev.confab.ui.video.VideoView) v).framesShown() > 3).orElse(false));
            shoot("meeting-sharing-self");
            robot.clickOn("#stopSharing");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "zh-CN"})
    void waitingRoom(String tag) throws Exception {
        start(tag, stored(tag).withIdentity("Ada Lovelace", null), FakeCaptureFactory.withRealDevices(), 1);
        robot.interact(() -> app.controller.show(new dev.confab.ui.meeting.WaitingScreen(app.controller.text(),
                "1234567890", () -> {
                })));
        liveSelectors = java.util.Set.of("#waitingSpinner"); // turns
        shoot("waiting-room");
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "zh-CN"})
    void meetingAdmitList(String tag) throws Exception {
        var screen = showMeeting(tag, 4, 1);
        robot.interact(() -> {
            var moderation = screen.model().moderation();
            moderation.showSettings(new dev.confab.meeting.MeetingSettings(true, true, 0));
            moderation.showWaiting(List.of(
                    new dev.confab.meeting.WaitingPerson(1, "Barbara Liskov", java.time.Instant.EPOCH),
                    new dev.confab.meeting.WaitingPerson(2, "张伟", java.time.Instant.EPOCH)));
        });
        assertThat(robot.lookup("#admitAll").tryQuery()).isPresent();
        shoot("meeting-admit-list");
    }

    // ---- raised hands, reactions, polls ----------------------------------------------------------------

    /** Two hands up (Alan first, then oneself), Alan clapping and Grace sending a heart: tiles, list and toolbar. */
    @ParameterizedTest
    @ValueSource(strings = {"en", "zh-CN"})
    void meetingHandsAndReactions(String tag) throws Exception {
        var screen = showMeeting(tag, 4, 2);
        robot.interact(() -> {
            screen.model().showHands(List.of(4, 1));
            screen.model().showReaction(4, dev.confab.meeting.ReactionKind.CLAP.emoji(), Duration.ofMinutes(5));
            screen.model().showReaction(2, dev.confab.meeting.ReactionKind.HEART.emoji(), Duration.ofMinutes(5));
        });
        assertThat(robot.lookup("#hand-4").query().isVisible()).isTrue();
        assertThat(((dev.confab.meeting.Attendee) robot.lookup("#participantList").queryListView().getItems().getFirst()).id())
                .as("the first raised hand heads the list").isEqualTo(4);
        shoot("meeting-hands-reactions");
    }

    /** The host writes a poll: question, three choices, single choice. */
    @ParameterizedTest
    @ValueSource(strings = {"en", "zh-CN"})
    void meetingPollEditor(String tag) throws Exception {
        var screen = showMeeting(tag, 4, 1);
        robot.interact(() -> {
            var polls = pollBinding(screen);
            polls.model().showModerates(true);
            polls.startEditing(new dev.confab.meeting.poll.PollDraft(lunchQuestion(tag), lunchChoices(tag), false));
        });
        assertThat(robot.lookup("#pollLaunch").queryButton().isDisabled()).isFalse();
        shoot("meeting-poll-editor");
    }

    /** A participant answers the host's poll. */
    @ParameterizedTest
    @ValueSource(strings = {"en", "zh-CN"})
    void meetingPollBeingAnswered(String tag) throws Exception {
        var screen = showMeeting(tag, 4, 2);
        robot.interact(() -> {
            var polls = pollBinding(screen);
            polls.model().showPoll(new dev.confab.meeting.poll.Poll(1, lunchQuestion(tag), lunchChoices(tag), false,
                    "Grace Hopper", true, 2, List.of(), null, null));
        });
        robot.clickOn("#pollPick-2");
        shoot("meeting-poll-vote");
    }

    /** The host's results: counts, bars and who chose what, after the poll ended. */
    @ParameterizedTest
    @ValueSource(strings = {"en", "zh-CN"})
    void meetingPollResultsForTheHost(String tag) throws Exception {
        var screen = showMeeting(tag, 4, 1);
        List<String> choices = lunchChoices(tag);
        var votes = new java.util.LinkedHashMap<String, List<Integer>>();
        votes.put("Grace Hopper", List.of(1));
        votes.put("王小明", List.of(1));
        votes.put("Alan Turing", List.of(0));
        robot.interact(() -> {
            var polls = pollBinding(screen);
            polls.model().showModerates(true);
            polls.model().showPoll(new dev.confab.meeting.poll.Poll(1, lunchQuestion(tag), choices, false,
                    "Ada Lovelace", false, 3, List.of(), dev.confab.meeting.poll.PollResults.of(choices, votes), null));
        });
        assertThat(robot.lookup("#pollCount-2").queryLabeled().getText()).isEqualTo("2");
        shoot("meeting-poll-results");
    }

    private dev.confab.ui.meeting.PollBinding pollBinding(dev.confab.ui.meeting.MeetingScreen screen) {
        return new dev.confab.ui.meeting.PollBinding(app.controller.text(), new dev.confab.ui.meeting.PollCommands() {
            @Override
            public void launch(dev.confab.meeting.poll.PollDraft draft) {
            }

            @Override
            public void vote(int pollId, List<Integer> choices) {
            }

            @Override
            public void end(int pollId) {
            }

            @Override
            public void share(int pollId, List<Integer> totals) {
            }

            @Override
            public Path save(dev.confab.meeting.poll.Poll poll) {
                return dir.resolve("poll.csv");
            }
        }, screen, Runnable::run);
    }

    private static String lunchQuestion(String tag) {
        return tag.startsWith("zh") ? "团队午餐去哪里？" : "Where shall we go for the team lunch?";
    }

    private static List<String> lunchChoices(String tag) {
        return tag.startsWith("zh") ? List.of("拉面", "饺子馆", "沙拉吧") : List.of("Noodle bar", "Dumpling house", "Salad place");
    }

    private void shoot(String name) throws IOException {
        shoot(name, () -> app.controller.stage().getScene());
    }

    /** Saves a screen that is live from end to end (a real demo meeting) for review, without a reference to compare. */
    private void shootForReviewOnly(String name) throws IOException {
        reviewOnly = true;
        shoot(name);
    }

    private void shoot(String name, java.util.function.Supplier<javafx.scene.Scene> window) throws IOException {
        WaitForAsyncUtils.waitForFxEvents();
        AtomicReference<WritableImage> image = new AtomicReference<>();
        AtomicReference<List<java.awt.Rectangle>> live = new AtomicReference<>();
        WaitForAsyncUtils.asyncFx(() -> {
            Region root = (Region) window.get().getRoot();
            root.applyCss();
            root.layout();
            image.set(window.get().snapshot(null));
            live.set(LiveRegions.in(window.get(), liveSelectors));
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(image.get()).isNotNull();
        assertThat(image.get().getWidth()).isLessThanOrEqualTo(1000);
        assertThat(image.get().getHeight()).isLessThanOrEqualTo(1000);
        save(name, image.get(), live.get());
    }

    /** Writes {@code target/screenshots/<name>-<lang>.png}, then checks it against its reference picture. */
    private void save(String name, WritableImage image, List<java.awt.Rectangle> live) throws IOException {
        Files.createDirectories(OUT);
        String fileName = name + "-" + (lang.startsWith("zh") ? "zh" : "en");
        Path file = OUT.resolve(fileName + ".png");
        java.awt.image.BufferedImage picture = SwingFXUtils.fromFXImage(image, null);
        ImageIO.write(picture, "png", file.toFile());
        assertThat(Files.size(file)).isPositive();
        if (!reviewOnly) {
            REFERENCES.check(fileName, picture, live);
        }
    }

}
