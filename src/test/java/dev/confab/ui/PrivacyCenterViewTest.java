package dev.confab.ui;

import atlantafx.base.theme.PrimerLight;
import dev.confab.meeting.history.MeetingHistoryStore;
import dev.confab.meeting.history.MeetingRecord;
import dev.confab.privacy.DataLocations;
import dev.confab.privacy.Permission;
import dev.confab.privacy.PrivacySettings;
import dev.confab.privacy.PrivacySettingsStore;
import dev.confab.storage.Settings;
import dev.confab.storage.UserDataEraser;
import dev.confab.testing.UiTest;
import javafx.application.Application;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ListView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@UiTest
class PrivacyCenterViewTest {
    @TempDir
    Path dir;
    private final FxRobot robot = new FxRobot();
    private AppHarness app;
    private Path recording;

    @BeforeEach
    void open() throws Exception {
        app = new AppHarness(dir).agreedBefore(Settings.defaults().withLanguage("en").withIdentity("Ada", null));
        seed(app);
        recording = DataLocations.forApp(app.paths).recordings().resolve("standup.mkv");
        app.start(Locale.ENGLISH);
        robot.clickOn("#settingsButton");
        robot.clickOn("#privacyCenterButton");
        awaitText("#items-meeting-history", "2");
    }

    /** Two past meetings, a recording with its sidecar, and a granted camera, as earlier use would leave. */
    static void seed(AppHarness app) throws Exception {
        MeetingHistoryStore history = MeetingHistoryStore.of(app.paths);
        Instant start = Instant.parse("2026-11-20T09:00:00Z");
        history.save(new MeetingRecord("1234567890", null, MeetingRecord.OwnRole.HOST, start, start.plusSeconds(1800),
                List.of(new MeetingRecord.Attendance("Ada", start, start.plusSeconds(1800)),
                        new MeetingRecord.Attendance("Grace Hopper", start.plusSeconds(60), start.plusSeconds(900)))));
        history.save(new MeetingRecord("5555555555", "Design review", MeetingRecord.OwnRole.PARTICIPANT, start.plusSeconds(86400),
                start.plusSeconds(90000), List.of(new MeetingRecord.Attendance("Linus", start.plusSeconds(86400), null)),
                List.of(new MeetingRecord.PollSummary("Lunch?", List.of("Noodles", "Dumplings"), List.of(1, 2), 3,
                        start.plusSeconds(87000)))));
        Path recordings = Files.createDirectories(DataLocations.forApp(app.paths).recordings());
        // A finished recording and its chat transcript (no unfinished-recording marker: the start-up recovery
        // would rightly delete an unplayable leftover).
        Files.write(recordings.resolve("standup.mkv"), new byte[3000]);
        Files.writeString(recordings.resolve("standup.chat.txt"), "{}");
        // Camera and microphone allowed in an earlier lobby (the lobby asks before its preview).
        new PrivacySettingsStore(app.paths).save(PrivacySettings.defaults().with(Permission.CAMERA, Permission.State.GRANTED)
                .with(Permission.MICROPHONE, Permission.State.GRANTED));
    }

    @AfterEach
    void stop() throws Exception {
        app.stop();
        FxToolkit.setupFixture(() -> Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet()));
    }

    private void awaitText(String id, String expected) {
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(robot.lookup(id).queryLabeled().getText()).isEqualTo(expected));
    }

    /** Fires a button even when it is scrolled out of the window. */
    private void press(String id) {
        Button b = robot.lookup(id).queryButton();
        robot.interact(b::fire);
    }

    @Test
    void listsEveryCategoryWithCountsAndDeletesOneForReal() {
        awaitText("#items-recordings", "2");
        awaitText("#items-consent", "1");
        awaitText("#items-settings", "2");
        awaitText("#items-saved-chats", "0");
        awaitText("#items-logs", "0"); // no log file unless diagnostic logs were turned on
        assertThat(robot.lookup("#size-recordings").queryLabeled().getText()).isEqualTo("2.9 KB");

        robot.clickOn("#view-recordings");
        await().atMost(Duration.ofSeconds(5)).until(() ->
                robot.lookup("#categoryItems").queryListView().getItems().size() == 2);
        assertThat(robot.lookup("#categoryItems").queryListView().getItems()).map(Object::toString)
                .anyMatch(item -> item.startsWith("standup.mkv")).anyMatch(item -> item.startsWith("standup.chat.txt"));

        robot.clickOn("#delete-recordings");
        assertThat(robot.lookup("#delete-recordings").queryButton().getText()).isEqualTo("Really delete?");
        assertThat(recording).exists();
        robot.clickOn("#delete-recordings");
        awaitText("#items-recordings", "0");
        assertThat(recording).doesNotExist();
        awaitText("#items-meeting-history", "2");
    }

    @Test
    void theDiagnosticLogsSwitchStartsAndStopsTheLogFile() {
        CheckBox keepLogs = robot.lookup("#keepLogs").queryAs(CheckBox.class);
        assertThat(keepLogs.isSelected()).as("off unless turned on").isFalse();
        assertThat(dev.confab.logging.FileLogging.folder()).isNull();

        robot.interact(keepLogs::fire);
        await().atMost(Duration.ofSeconds(5)).until(() -> dev.confab.logging.FileLogging.folder() != null);
        awaitText("#items-logs", "1");
        assertThat(app.controller.permissions().state(Permission.DIAGNOSTICS)).isEqualTo(Permission.State.GRANTED);

        robot.interact(keepLogs::fire);
        await().atMost(Duration.ofSeconds(5)).until(() -> dev.confab.logging.FileLogging.folder() == null);
        assertThat(app.controller.permissions().state(Permission.DIAGNOSTICS)).isEqualTo(Permission.State.DENIED);
        await().atMost(Duration.ofSeconds(5)).until(() ->
                new PrivacySettingsStore(app.paths).load().state(Permission.DIAGNOSTICS) == Permission.State.DENIED);
    }

    @Test
    void historySearchAndDeleteOneMeeting() {
        ListView<?> history = robot.lookup("#history").queryListView();
        assertThat(history.getItems()).hasSize(2);
        assertThat(robot.lookup("#history .list-cell").queryAllAs(javafx.scene.control.Labeled.class))
                .as("an ended poll in the history").anyMatch(cell -> cell.getText() != null
                        && cell.getText().contains("Poll: Lunch? (Noodles 1 · Dumplings 2)"));
        robot.interact(() -> robot.lookup("#historySearch").queryTextInputControl().setText("grace"));
        assertThat(history.getItems()).hasSize(1);
        assertThat(((MeetingRecord) history.getItems().get(0)).meetingId()).isEqualTo("1234567890");
        robot.interact(() -> history.getSelectionModel().select(0));
        press("#deleteMeeting");
        awaitText("#items-meeting-history", "1");
        assertThat(history.getItems()).isEmpty();
    }

    @Test
    void revokedPermissionIsAskedAgain() {
        awaitText("#permission-camera", "Allowed");
        press("#revoke-camera");
        awaitText("#permission-camera", "Not asked yet");
        await().atMost(Duration.ofSeconds(5)).until(() ->
                new PrivacySettingsStore(app.paths).load().state(Permission.CAMERA) == Permission.State.UNASKED);
        assertThat(app.controller.permissions().state(Permission.CAMERA)).isEqualTo(Permission.State.UNASKED);
    }

    @Test
    void deleteEverythingKeepsOnlyConsent() {
        press("#deleteEverything");
        press("#deleteEverything");
        awaitText("#items-meeting-history", "0");
        awaitText("#items-recordings", "0");
        awaitText("#items-settings", "0");
        awaitText("#items-consent", "1");
    }

    @Test
    void withdrawReturnsToConsentWithNothingStored() throws Exception {
        press("#privacyWithdraw");
        press("#privacyWithdraw");
        await().atMost(Duration.ofSeconds(5)).until(() -> robot.lookup("#consent").tryQuery().isPresent());
        assertThat(UserDataEraser.nothingStored(app.paths)).isTrue();
        assertThat(recording).doesNotExist();
    }

    @Test
    void publicComputerModeErasesEverythingWhenTheAppCloses() throws Exception {
        CheckBox publicMode = robot.lookup("#publicMode").queryAs(CheckBox.class);
        robot.interact(() -> publicMode.setSelected(true));
        await().atMost(Duration.ofSeconds(5)).until(() -> new PrivacySettingsStore(app.paths).load().publicComputerMode());
        app.stop();
        assertThat(UserDataEraser.nothingStored(app.paths)).isTrue();
        assertThat(recording).doesNotExist();
    }
}
