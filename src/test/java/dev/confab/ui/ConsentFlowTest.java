package dev.confab.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.confab.i18n.PrivacyNotice;
import dev.confab.storage.Settings;
import dev.confab.storage.UserDataEraser;
import dev.confab.testing.UiTest;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@UiTest
class ConsentFlowTest {
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

    @Test
    void nothingIsCapturedConnectedOrStoredBeforeAgree() throws Exception {
        app = new AppHarness(dir);
        app.start(Locale.ENGLISH);

        assertThat(robot.lookup("#agree").tryQuery()).isPresent();
        assertThat(robot.lookup("#lobby").tryQuery()).isEmpty();
        assertThat(robot.lookup("#settingsButton").tryQuery()).isEmpty();
        robot.clickOn("#privacyNotice").type(KeyCode.ENTER).type(KeyCode.SPACE);
        robot.clickOn("#consentLanguage").clickOn("简体中文");
        FxToolkit.setupFixture(() -> { }); // let queued FX work run

        assertThat(app.capture.calls.get()).as("capture factory calls before consent").isZero();
        assertThat(app.meetings.calls).as("meeting/network calls before consent").isEmpty();
        assertThat(UserDataEraser.nothingStored(app.paths)).as("nothing written before consent").isTrue();

        robot.clickOn("#agree");
        await().atMost(Duration.ofSeconds(10)).until(() -> robot.lookup("#lobby").tryQuery().isPresent());
        await().atMost(Duration.ofSeconds(10)).until(() -> app.capture.calls.get() > 0);
    }

    @Test
    void agreeStoresVersionTimeAndLanguageAndIsNotAskedAgain() throws Exception {
        app = new AppHarness(dir);
        app.start(Locale.SIMPLIFIED_CHINESE);
        robot.clickOn("#agree");
        await().atMost(Duration.ofSeconds(10)).until(() -> robot.lookup("#lobby").tryQuery().isPresent());

        JsonNode consent = new ObjectMapper().readTree(Files.readString(app.paths.consentFile()));
        assertThat(consent.get("policyVersion").asInt()).isEqualTo(PrivacyNotice.VERSION);
        assertThat(consent.get("agreedAt").asText()).isEqualTo("2026-11-23T10:15:30Z");
        assertThat(consent.get("language").asText()).isEqualTo("zh-CN");

        app.stop();
        app.start(Locale.ENGLISH);
        assertThat(robot.lookup("#lobby").tryQuery()).as("second launch goes straight to the lobby").isPresent();
        assertThat(robot.lookup("#agree").tryQuery()).isEmpty();
    }

    @Test
    void declineExitsAndLeavesNoDataBehind() throws Exception {
        app = new AppHarness(dir);
        app.start(Locale.ENGLISH);
        robot.clickOn("#decline");
        Stage stage = app.controller.stage();
        FxToolkit.setupFixture(() -> stage.fireEvent(new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST)));
        assertThat(app.exited.await(10, TimeUnit.SECONDS)).as("app exited").isTrue();
        assertThat(UserDataEraser.nothingStored(app.paths)).isTrue();
        assertThat(app.capture.calls.get()).isZero();
    }

    @Test
    void closingTheConsentWindowIsADecline() throws Exception {
        app = new AppHarness(dir);
        app.start(Locale.ENGLISH);
        Stage stage = app.controller.stage();
        FxToolkit.setupFixture(() -> stage.fireEvent(new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST)));
        assertThat(app.exited.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(UserDataEraser.nothingStored(app.paths)).isTrue();
    }

    @Test
    void newerNoticeAsksAgainAndHighlightsTheChangeBeforeAnythingElse() throws Exception {
        app = new AppHarness(dir).agreedBefore(1, Settings.defaults().withIdentity("Ada", null));
        app.start(Locale.ENGLISH, 2);

        assertThat(robot.lookup("#consentChanged").queryLabeled().getText()).contains("version 1").contains("version 2");
        assertThat(robot.lookup("#lobby").tryQuery()).isEmpty();
        assertThat(app.capture.calls.get()).isZero();

        robot.clickOn("#agree");
        await().atMost(Duration.ofSeconds(10)).until(() -> robot.lookup("#lobby").tryQuery().isPresent());
        JsonNode consent = new ObjectMapper().readTree(Files.readString(app.paths.consentFile()));
        assertThat(consent.get("policyVersion").asInt()).isEqualTo(2);
        assertThat(robot.lookup("#displayName").queryTextInputControl().getText()).as("settings kept").isEqualTo("Ada");
    }

    @Test
    void decliningAChangedNoticeErasesWhatWasStored() throws Exception {
        app = new AppHarness(dir).agreedBefore(1, Settings.defaults().withIdentity("Ada", null));
        app.start(Locale.ENGLISH, 2);
        robot.clickOn("#decline");
        assertThat(app.exited.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(UserDataEraser.nothingStored(app.paths)).isTrue();
    }

    @Test
    void withdrawInSettingsErasesEverythingAndReturnsToFirstLaunch() throws Exception {
        app = new AppHarness(dir).agreedBefore(Settings.defaults().withIdentity("Ada", null));
        Files.writeString(AppHarnessPaths.recording(app.paths), "pretend recording");
        app.start(Locale.ENGLISH);
        await().atMost(Duration.ofSeconds(10)).until(() -> app.capture.running() > 0);

        robot.clickOn("#settingsButton");
        robot.clickOn("#withdraw");
        robot.clickOn("#confirmWithdraw");

        // Withdrawing stops the camera preview and erases everything before the notice shows again: under a load
        // average of 19 that once took more than 10 s.
        await().atMost(Duration.ofSeconds(30)).until(() -> robot.lookup("#agree").tryQuery().isPresent());
        assertThat(robot.lookup("#consentChanged").tryQuery()).as("a fresh start, not a changed notice").isEmpty();
        assertThat(robot.lookup("#settingsButton").tryQuery()).isEmpty();
        assertThat(UserDataEraser.nothingStored(app.paths)).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> app.capture.running() == 0);
    }
}
