package dev.confab.ui;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.confab.storage.Settings;
import dev.confab.testing.UiTest;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Labeled;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

import dev.confab.privacy.DataLocations;
import dev.confab.recording.TestRecordings;
import dev.confab.meeting.LocalServer;
import dev.confab.ui.meeting.MeetingLauncher;

import java.nio.file.Files;
import java.time.Instant;
import java.util.Optional;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@UiTest
class SettingsViewTest {
    @TempDir
    Path dir;
    private final FxRobot robot = new FxRobot();
    private AppHarness app;

    @BeforeEach
    void open() throws Exception {
        app = new AppHarness(dir).agreedBefore(Settings.defaults().withLanguage("en"));
        app.start(Locale.ENGLISH);
        robot.clickOn("#settingsButton");
        // Every test starts from the settings page as the user sees it, not from a page still being built.
        await().atMost(Duration.ofSeconds(10)).until(() -> robot.lookup("#recordingsFolderPath").tryQuery().isPresent()
                && robot.lookup("#theme").tryQuery().isPresent());
    }

    @AfterEach
    void stop() throws Exception {
        app.stop();
        dev.confab.storage.AtRest.useKeychain(app.paths);
        FxToolkit.setupFixture(() -> Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet()));
    }

    private Settings stored() throws Exception {
        return new ObjectMapper().findAndRegisterModules().readValue(Files.readString(app.paths.settingsFile()), Settings.class);
    }

    @Test
    void darkThemeAppliesAtOnceAndIsRemembered() throws Exception {
        ComboBox<?> theme = robot.lookup("#theme").queryAs(ComboBox.class);
        robot.interact(() -> theme.getSelectionModel().select(1));
        assertThat(Application.getUserAgentStylesheet()).isEqualTo(new PrimerDark().getUserAgentStylesheet());
        await().atMost(Duration.ofSeconds(15)).until(() -> stored().theme() == Settings.Theme.DARK);
    }

    @Test
    void keepChatHistoryIsOffByDefaultAndRemembered() throws Exception {
        javafx.scene.control.CheckBox keep = robot.lookup("#keepChatHistory").queryAs(javafx.scene.control.CheckBox.class);
        assertThat(keep.isSelected()).isFalse();
        robot.clickOn(keep);
        await().atMost(Duration.ofSeconds(5)).until(() -> Boolean.TRUE.equals(stored().keepChatHistory()));
    }

    @Test
    void showsWhenConsentWasGivenAndTheNoticeOnRequest() {
        assertThat(robot.lookup("#consentStatus").queryLabeled().getText()).contains("version " + dev.confab.i18n.PrivacyNotice.VERSION).contains("2026");
        assertThat(robot.lookup("#settingsNoticeScroll").query().isVisible()).isFalse();
        robot.clickOn("#showNotice");
        assertThat(robot.lookup("#settingsNoticeScroll").query().isVisible()).isTrue();
    }

    @Test
    void aboutShowsTheBackgroundModelsLicenceOnRequest() {
        javafx.scene.control.ScrollPane page = robot.lookup("#settings").queryAs(javafx.scene.control.ScrollPane.class);
        robot.interact(() -> page.setVvalue(1.0));
        assertThat(robot.lookup("#aboutVersion").queryLabeled().getText()).contains("Apache License 2.0");
        assertThat(robot.lookup("#modelLicense").query().isVisible()).isFalse();
        robot.clickOn("#showModelLicense");
        String licence = robot.lookup("#modelLicense").queryTextInputControl().getText();
        assertThat(licence).contains("Apache License").contains("@mediapipe/selfie_segmentation");
        assertThat(robot.lookup("#modelLicense").query().isVisible()).isTrue();
    }

    @Test
    void withdrawAsksFirstAndCancelKeepsEverything() {
        robot.clickOn("#withdraw");
        assertThat(Visibility.shown(robot.lookup("#confirmWithdraw").query())).isTrue();
        robot.clickOn("#cancelWithdraw");
        assertThat(Visibility.shown(robot.lookup("#confirmWithdraw").query())).isFalse();
        assertThat(app.paths.consentFile()).exists();
        assertThat(app.paths.settingsFile()).exists();
    }

    /** What the folder dialog answers next; the native dialog does not exist on the headless platform. */
    private void chooseFolder(Path answer) {
        robot.interact(() -> app.controller.setFolderChooser((owner, title, startIn) -> Optional.of(answer)));
        press("#changeRecordingsFolder");
    }

    /** The section sits below the fold of the small test window: fire its buttons directly. */
    private void press(String id) {
        javafx.scene.control.Button button = robot.lookup(id).queryButton();
        robot.interact(button::fire);
    }

    private String shownFolder() {
        return robot.lookup("#recordingsFolderPath").queryLabeled().getText();
    }

    @Test
    void theRecordingsFolderIsCheckedRememberedAndUsedByTheRecorderTheListAndThePrivacyCenter() throws Exception {
        Path standard = DataLocations.forApp(app.paths).recordings();
        assertThat(shownFolder()).isEqualTo(standard.toString());
        assertThat(Visibility.shown(robot.lookup("#recordingsFolderDefault").query())).isTrue();
        assertThat(robot.lookup("#resetRecordingsFolder").queryButton().isDisabled()).isTrue();

        Path file = Files.writeString(dir.resolve("notes.txt"), "not a folder");
        chooseFolder(file);
        await().atMost(Duration.ofSeconds(5)).until(() -> Visibility.shown(robot.lookup("#recordingsFolderError").query()));
        assertThat(robot.lookup("#recordingsFolderError").queryLabeled().getText())
                .isEqualTo(file + " is a file, not a folder.");
        assertThat(shownFolder()).isEqualTo(standard.toString());

        Path chosen = dir.resolve("Meetings");
        chooseFolder(chosen);
        await().atMost(Duration.ofSeconds(5)).until(() -> chosen.toString().equals(stored().recordingsFolder()));
        assertThat(shownFolder()).isEqualTo(chosen.toString());
        assertThat(Visibility.shown(robot.lookup("#recordingsFolderError").query())).isFalse();
        assertThat(Visibility.shown(robot.lookup("#recordingsFolderDefault").query())).isFalse();

        // The meeting's recorder, the recordings list and the privacy center all use the chosen folder.
        try (MeetingLauncher launcher = new MeetingLauncher(app.paths, new LocalServer(dir.resolve("server"), false),
                app.capture)) {
            assertThat(launcher.recordingSetup().storage().get().folder()).isEqualTo(chosen);
        }
        Files.createDirectories(chosen);
        TestRecordings.record(chosen.resolve("Standup 2026-11-23 09-00.mp4"), "Standup",
                Instant.parse("2026-11-23T09:00:00Z"), 1.5);
        Files.writeString(chosen.resolve("holiday.mp4"), "the user's own video, not Confab's");
        robot.clickOn("#recordingsButton");
        await().atMost(Duration.ofSeconds(10)).until(() ->
                robot.lookup("#recordingsTable").queryTableView().getItems().size() == 1);
        assertThat(robot.lookup("#recordingsFolder").queryLabeled().getText()).contains(chosen.toString());
        robot.clickOn("#settingsButton");
        robot.clickOn("#privacyCenterButton");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(robot.lookup("#items-recordings").queryLabeled().getText()).isEqualTo("1"));

        robot.clickOn("#settingsButton");
        press("#resetRecordingsFolder");
        await().atMost(Duration.ofSeconds(5)).until(() -> stored().recordingsFolder() == null);
        assertThat(shownFolder()).isEqualTo(standard.toString());
        assertThat(DataLocations.ofUser(app.paths).recordings()).isEqualTo(standard);
    }

    @Test
    void backReturnsToTheLobbyInTheLanguageChosenHere() {
        robot.clickOn("#settingsLanguage").clickOn("简体中文");
        Node back = robot.lookup("#back").query();
        assertThat(((Labeled) back).getText()).isEqualTo("返回大厅");
        robot.clickOn(back);
        assertThat(robot.lookup("#join").queryButton().getText()).isEqualTo("加入");
    }

    @Test
    void encryptingRecordingsIsOfferedWhereAKeychainKeepsTheKeyAndRemembered() throws Exception {
        reopenWith(new dev.confab.storage.MemoryVault());
        javafx.scene.control.CheckBox encrypt = robot.lookup("#encryptRecordings").queryAs(javafx.scene.control.CheckBox.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> !encrypt.isDisabled());
        assertThat(encrypt.isSelected()).as("off by default: recordings open in any player").isFalse();
        assertThat(robot.lookup("#encryptRecordingsUnavailable").query().isVisible()).isFalse();
        robot.interact(encrypt::fire);
        await().atMost(Duration.ofSeconds(5)).until(() -> Boolean.TRUE.equals(
                new dev.confab.storage.SettingsStore(app.paths, java.time.Clock.systemUTC()).peek().encryptRecordings()));
    }

    @Test
    void withoutAKeychainTheEncryptionSwitchIsOffAndSaysWhy() throws Exception {
        reopenWith(new dev.confab.storage.NoKeychain());
        await().atMost(Duration.ofSeconds(10)).until(() -> robot.lookup("#encryptRecordingsUnavailable").query().isVisible());
        assertThat(robot.lookup("#encryptRecordings").query().isDisabled()).isTrue();
        assertThat(robot.lookup("#encryptRecordingsUnavailable").queryLabeled().getText())
                .startsWith("This computer has no keychain, so recordings cannot be encrypted here.");
    }

    /** The settings page again, with {@code vault} standing in for the OS keychain of this home. */
    private void reopenWith(dev.confab.storage.KeyVault vault) {
        dev.confab.storage.AtRest.useVault(app.paths, vault);
        robot.clickOn("#back");
        robot.clickOn("#settingsButton");
        await().atMost(Duration.ofSeconds(10)).until(() -> robot.lookup("#encryptRecordings").tryQuery().isPresent());
    }
}
