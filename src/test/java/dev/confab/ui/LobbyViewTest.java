package dev.confab.ui;

import dev.confab.ui.lobby.ServerChoice;
import dev.confab.ui.common.LevelMeter;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.confab.media.CaptureDevice;
import dev.confab.storage.Settings;
import dev.confab.testing.UiTest;
import dev.confab.ui.video.VideoView;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Labeled;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@UiTest
class LobbyViewTest {
    @TempDir
    Path dir;
    private final FxRobot robot = new FxRobot();
    private AppHarness app;

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            app.stop();
        }
    }

    private void open(Settings settings, Locale os) throws Exception {
        app = new AppHarness(dir, FakeCaptureFactory.withRealDevices()).agreedBefore(settings);
        app.start(os);
        // The device check's preview starts a moment later and may resize the cards: click only once it runs.
        await().atMost(Duration.ofSeconds(15)).until(() -> robot.lookup("#preview").tryQuery()
                .map(view -> ((dev.confab.ui.video.VideoView) view).framesShown() > 0).orElse(true));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void open() throws Exception {
        open(Settings.defaults().withLanguage("en"), Locale.ENGLISH);
    }

    private String text(String id) {
        Node node = robot.lookup(id).query();
        return node instanceof Labeled l ? l.getText() : ((TextInputControl) node).getText();
    }

    private boolean showing(String id) {
        return robot.lookup(id).tryQuery().map(Visibility::shown).orElse(false);
    }

    private Settings storedSettings() throws Exception {
        return new ObjectMapper().findAndRegisterModules().readValue(Files.readString(app.paths.settingsFile()), Settings.class);
    }

    @Test
    void enterSubmitsAValidJoinWithNormalizedValues() throws Exception {
        open();
        robot.clickOn("#displayName").write("  Ada Lovelace  ");
        robot.clickOn("#meetingId").write("1234567890");
        robot.clickOn("#passcode").write("open sesame").type(KeyCode.ENTER);

        await().atMost(Duration.ofSeconds(15)).until(() -> !app.meetings.calls.isEmpty());
        RecordingLobbyActions.Call call = app.meetings.calls.getFirst();
        assertThat(call.action()).isEqualTo("join");
        assertThat(call.form().displayName()).isEqualTo("Ada Lovelace");
        assertThat(call.form().meetingId()).isEqualTo("1234567890");
        assertThat(call.form().passcode()).isEqualTo("open sesame");
        assertThat(call.form().server()).isEqualTo(new ServerChoice.ThisComputer());
        assertThat(call.form().camera()).isEqualTo(FakeCaptureFactory.CAMERA);
        assertThat(call.form().microphone()).isEqualTo(FakeCaptureFactory.MICROPHONE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(text("#lobbyStatus")).isEqualTo("Meetings are not available in this build yet.");
    }

    @Test
    void emptyFormShowsInlineErrorsFocusesTheFirstAndSendsNothing() throws Exception {
        open();
        robot.clickOn("#join");

        await().atMost(Duration.ofSeconds(5)).until(() -> showing("#displayNameError"));
        assertThat(text("#displayNameError")).isEqualTo("Enter your name.");
        assertThat(text("#meetingIdError")).isEqualTo("Enter the meeting ID.");
        assertThat(showing("#passcodeError")).isFalse();
        assertThat(robot.lookup("#displayName").query().isFocused()).isTrue();
        assertThat(app.meetings.calls).isEmpty();

        robot.write("Ada");
        assertThat(showing("#displayNameError")).as("error clears as soon as it is fixed").isFalse();
    }

    @Test
    void tabMovesThroughTheFormInReadingOrder() throws Exception {
        open();
        robot.clickOn("#displayName");
        String[] order = {"#serverPicker", "#meetingId", "#passcode", "#newMeetingOptions", "#newMeeting", "#join", "#tryDemo"};
        for (String next : order) {
            robot.type(KeyCode.TAB);
            await("focus after Tab: " + next).atMost(Duration.ofSeconds(5))
                    .until(() -> robot.lookup(next).query().isFocused());
        }
    }

    @Test
    void aTooLongNameIsRejected() throws Exception {
        open();
        robot.interact(() -> robot.lookup("#displayName").queryTextInputControl().setText("x".repeat(65)));
        robot.clickOn("#newMeeting");
        assertThat(text("#displayNameError")).isEqualTo("The name may have at most 64 characters.");
        assertThat(app.meetings.calls).isEmpty();
        robot.clickOn("#displayName").type(KeyCode.BACK_SPACE);
        await().atMost(Duration.ofSeconds(5)).until(() -> !showing("#displayNameError"));
    }

    @Test
    void meetingIdAcceptsDigitsOnlyShownGroupedAndAShortIdIsRejected() throws Exception {
        open();
        robot.clickOn("#meetingId").write("12a3-45 6789012");
        assertThat(text("#meetingId")).isEqualTo("123 456 7890");
        robot.type(KeyCode.BACK_SPACE, 5);
        assertThat(text("#meetingId")).isEqualTo("123 45");
        robot.clickOn("#displayName").write("Ada");
        robot.clickOn("#join");
        assertThat(text("#meetingIdError")).isEqualTo("A meeting ID has 10 digits.");
        assertThat(app.meetings.calls).isEmpty();
    }

    @Test
    void anotherServerMustBeASecureAddress() throws Exception {
        open();
        robot.clickOn("#displayName").write("Ada");
        ComboBox<?> server = robot.lookup("#serverPicker").queryAs(ComboBox.class);
        robot.interact(() -> server.getSelectionModel().select(1));
        robot.clickOn("#serverAddress").write("ws://meet.example.org");
        robot.clickOn("#newMeeting");
        assertThat(text("#serverAddressError")).isEqualTo("The address must start with wss:// (a secure connection).");
        assertThat(app.meetings.calls).isEmpty();

        robot.interact(() -> robot.lookup("#serverAddress").queryTextInputControl().setText("wss://meet.example.org:8443"));
        robot.clickOn("#newMeeting");
        await().atMost(Duration.ofSeconds(15)).until(() -> !app.meetings.calls.isEmpty());
        RecordingLobbyActions.Call call = app.meetings.calls.getFirst();
        assertThat(call.action()).as("New meeting needs no meeting ID").isEqualTo("new");
        assertThat(call.form().meetingId()).isEmpty();
        assertThat(call.form().server()).isEqualTo(new ServerChoice.Remote(URI.create("wss://meet.example.org:8443")));
    }

    @Test
    void nameAndServerAreRememberedForTheNextLaunch() throws Exception {
        open();
        robot.clickOn("#displayName").write("Grace");
        ComboBox<?> server = robot.lookup("#serverPicker").queryAs(ComboBox.class);
        robot.interact(() -> server.getSelectionModel().select(1));
        robot.clickOn("#serverAddress").write("wss://meet.example.org");
        robot.clickOn("#newMeeting");
        await().atMost(Duration.ofSeconds(15)).until(() -> "Grace".equals(storedSettings().displayName()));
        assertThat(storedSettings().server()).isEqualTo("wss://meet.example.org");

        app.stop();
        app.start(Locale.ENGLISH);
        assertThat(text("#displayName")).isEqualTo("Grace");
        assertThat(text("#serverAddress")).isEqualTo("wss://meet.example.org");
        assertThat(robot.lookup("#meetingId").query().isFocused()).as("with a name known, focus goes to the meeting ID").isTrue();
    }

    @Test
    void switchingLanguageRelabelsEverythingWithoutRestartAndIsRemembered() throws Exception {
        open();
        robot.clickOn("#join");
        assertThat(text("#join")).isEqualTo("Join");

        robot.clickOn("#language").clickOn("简体中文");

        assertThat(text("#join")).isEqualTo("加入");
        assertThat(text("#newMeeting")).isEqualTo("发起会议");
        assertThat(text("#displayNameError")).isEqualTo("请输入您的名称。");
        assertThat(app.controller.stage().getTitle()).isEqualTo("Confab");
        await().atMost(Duration.ofSeconds(15)).until(() -> "zh-CN".equals(storedSettings().language()));

        robot.clickOn("#settingsButton");
        assertThat(text("#withdraw")).isEqualTo("撤回同意");
    }

    @Test
    void selfViewIsLiveMirroredAndTheMeterMovesWithoutTouchingTheFxThread() throws Exception {
        open();
        VideoView preview = robot.lookup("#preview").queryAs(VideoView.class);
        LevelMeter meter = robot.lookup("#micLevel").queryAs(LevelMeter.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> preview.framesShown() > 3 && meter.fraction() > 0);
        assertThat(preview.isMirrored()).isTrue();
        assertThat(showing("#previewPlaceholder")).isFalse();
        // A 0.3-amplitude tone is about -13 dBFS RMS: well up the bar.
        assertThat(meter.fraction()).isBetween(0.6, 0.9);
        assertThat(app.capture.fxThreadCalls.get()).as("device calls on the FX thread").isZero();
    }

    @Test
    void turningTheCameraOffStopsCaptureAndIsRemembered() throws Exception {
        open();
        await().atMost(Duration.ofSeconds(20)).until(() -> app.capture.running(CaptureDevice.Kind.CAMERA) == 1);
        robot.clickOn("#cameraToggle");
        await().atMost(Duration.ofSeconds(10)).until(() -> app.capture.running(CaptureDevice.Kind.CAMERA) == 0);
        await().atMost(Duration.ofSeconds(15)).until(() -> showing("#previewPlaceholder"));
        assertThat(text("#previewPlaceholder")).isEqualTo("Your camera is off");
        assertThat(app.capture.running(CaptureDevice.Kind.MICROPHONE)).isEqualTo(1);
        // Says what is on disk if it does not come (a clean-clone run once timed out here, cause not found).
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(storedSettings().cameraOn())
                .as("cameraOn in %s", Files.readString(app.paths.settingsFile())).isFalse());
    }

    @Test
    void pickingAnotherDeviceSwitchesCaptureAndSyntheticSourcesSaySo() throws Exception {
        open();
        await().atMost(Duration.ofSeconds(10)).until(() -> app.capture.running(CaptureDevice.Kind.CAMERA) == 1);
        assertThat(showing("#cameraNote")).isFalse();
        @SuppressWarnings("unchecked")
        ComboBox<CaptureDevice> cameras = robot.lookup("#cameraPicker").queryAs(ComboBox.class);
        robot.clickOn("#cameraPicker").clickOn("Test pattern (synthetic)");
        assertThat(cameras.getValue()).isEqualTo(FakeCaptureFactory.PATTERN);
        assertThat(text("#cameraNote")).contains("synthetic test pattern");
        await().atMost(Duration.ofSeconds(10)).until(() -> app.capture.opened.stream()
                .anyMatch(c -> !c.closed && c.device().equals(FakeCaptureFactory.PATTERN)));
        assertThat(app.capture.running(CaptureDevice.Kind.CAMERA)).isEqualTo(1);
        await().atMost(Duration.ofSeconds(15)).until(() -> "lavfi:testsrc2".equals(storedSettings().cameraId()));
    }

    @Test
    void closingTheWindowStopsAllCaptureWithoutErasingAnything() throws Exception {
        open();
        await().atMost(Duration.ofSeconds(10)).until(() -> app.capture.running() == 2);
        javafx.stage.Stage stage = app.controller.stage();
        robot.interact(() -> stage.fireEvent(new javafx.stage.WindowEvent(stage, javafx.stage.WindowEvent.WINDOW_CLOSE_REQUEST)));
        await().atMost(Duration.ofSeconds(10)).until(() -> app.capture.running() == 0);
        assertThat(app.paths.consentFile()).exists();
    }

    @Test
    void aCameraThatFailsToOpenIsExplainedUnderItsPicker() throws Exception {
        FakeCaptureFactory failing = FakeCaptureFactory.withRealDevices();
        failing.cameraFailure = "Device or resource busy";
        app = new AppHarness(dir, failing).agreedBefore(Settings.defaults().withLanguage("en"));
        app.start(Locale.ENGLISH);
        await().atMost(Duration.ofSeconds(10)).until(() -> showing("#cameraNote"));
        assertThat(text("#cameraNote")).isEqualTo("The camera could not be started: Device or resource busy");
        assertThat(app.capture.running(CaptureDevice.Kind.MICROPHONE)).as("the microphone still works").isEqualTo(1);
    }

    @Test
    void deletingAroundAGroupSeparatorRemovesTheNeighbouringDigit() throws Exception {
        open();
        TextInputControl id = robot.lookup("#meetingId").queryTextInputControl();
        robot.clickOn(id).write("1234567890");
        robot.interact(() -> id.positionCaret(4)); // just after "123 "
        robot.type(KeyCode.BACK_SPACE);
        assertThat(id.getText()).isEqualTo("124 567 890");
        robot.interact(() -> id.positionCaret(3)); // just before the first separator
        robot.type(KeyCode.DELETE);
        assertThat(id.getText()).isEqualTo("124 678 90");
    }

    @Test
    void leavingTheLobbyStopsAllCapture() throws Exception {
        open();
        await().atMost(Duration.ofSeconds(10)).until(() -> app.capture.running() == 2);
        robot.clickOn("#settingsButton");
        await().atMost(Duration.ofSeconds(10)).until(() -> app.capture.running() == 0);
    }

    private void openWithSpeakers(Settings settings, String... speakers) throws Exception {
        app = new AppHarness(dir, FakeCaptureFactory.withRealDevices()).withSpeakers(speakers).agreedBefore(settings);
        app.start(Locale.ENGLISH);
        await().atMost(Duration.ofSeconds(10)).until(() -> !robot.lookup("#speakerPicker").query().isDisabled());
    }

    /** What the closed speaker picker shows, and what it lists when opened. */
    private String shownSpeaker() {
        return robot.lookup("#speakerPicker").queryAs(ComboBox.class).getButtonCell().getText();
    }

    private RecordingLobbyActions.Call startNewMeeting() {
        robot.clickOn("#displayName").write("Ada");
        robot.clickOn("#newMeeting");
        await().atMost(Duration.ofSeconds(15)).until(() -> !app.meetings.calls.isEmpty());
        return app.meetings.calls.getLast();
    }

    @Test
    void theSpeakerPickerOffersTheSystemDefaultFirstAndRemembersAPickForTheMeetingAndTheNextLaunch() throws Exception {
        openWithSpeakers(Settings.defaults().withLanguage("en"), "Desk speakers", "USB headset");
        assertThat(shownSpeaker()).isEqualTo("System default");
        robot.clickOn("#speakerPicker");
        assertThat(robot.lookup(".list-cell").queryAllAs(javafx.scene.control.ListCell.class).stream()
                .map(javafx.scene.control.ListCell::getText).filter(t -> t != null && !t.isEmpty()).toList())
                .containsSubsequence("System default", "Desk speakers", "USB headset");
        robot.clickOn("USB headset");
        assertThat(shownSpeaker()).isEqualTo("USB headset");
        await().atMost(Duration.ofSeconds(15)).until(() -> "USB headset".equals(storedSettings().speaker()));
        assertThat(startNewMeeting().form().speaker()).as("handed to the meeting").isEqualTo("USB headset");

        app.stop();
        app.start(Locale.ENGLISH);
        await().atMost(Duration.ofSeconds(10)).until(() -> "USB headset".equals(shownSpeaker()));
        assertThat(showing("#speakerNote")).isFalse();
    }

    @Test
    void aRememberedSpeakerThatIsUnpluggedFallsBackToTheSystemDefaultSaysSoAndIsKeptForLater() throws Exception {
        openWithSpeakers(Settings.defaults().withLanguage("en").withSpeaker("USB headset"), "Desk speakers");
        assertThat(shownSpeaker()).isEqualTo("System default");
        assertThat(text("#speakerNote")).isEqualTo(
                "The speaker you chose before (USB headset) is not connected, so the system default is used.");
        assertThat(startNewMeeting().form().speaker()).as("null: the system default").isNull();
        assertThat(storedSettings().speaker()).as("still remembered for when it is plugged in again").isEqualTo("USB headset");
    }

    @Test
    void withoutSoundOutputsThePickerOffersOnlyTheSystemDefault() throws Exception {
        openWithSpeakers(Settings.defaults().withLanguage("en"));
        assertThat(robot.lookup("#speakerPicker").queryAs(ComboBox.class).getItems()).hasSize(1);
        assertThat(shownSpeaker()).isEqualTo("System default");
    }

    @Test
    void testingASpeakerThatCannotPlayExplainsWhyUnderThePicker() throws Exception {
        openWithSpeakers(Settings.defaults().withLanguage("en").withSpeaker("Phantom speakers"), "Phantom speakers");
        assertThat(shownSpeaker()).isEqualTo("Phantom speakers");
        robot.clickOn("#testSpeaker");
        await().atMost(Duration.ofSeconds(10)).until(() -> showing("#speakerNote"));
        assertThat(text("#speakerNote")).startsWith("The test chime could not be played: ").contains("Phantom speakers");
        assertThat(robot.lookup("#testSpeaker").query().isDisabled()).as("can be tried again").isFalse();
    }
}
