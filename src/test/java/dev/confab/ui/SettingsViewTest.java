package dev.confab.ui;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.confab.storage.Settings;
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

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
    }

    @AfterEach
    void stop() throws Exception {
        app.stop();
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
        assertThat(robot.lookup("#consentStatus").queryLabeled().getText()).contains("version 1").contains("2026");
        assertThat(robot.lookup("#settingsNoticeScroll").query().isVisible()).isFalse();
        robot.clickOn("#showNotice");
        assertThat(robot.lookup("#settingsNoticeScroll").query().isVisible()).isTrue();
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

    @Test
    void backReturnsToTheLobbyInTheLanguageChosenHere() {
        robot.clickOn("#settingsLanguage").clickOn("简体中文");
        Node back = robot.lookup("#back").query();
        assertThat(((Labeled) back).getText()).isEqualTo("返回大厅");
        robot.clickOn(back);
        assertThat(robot.lookup("#join").queryButton().getText()).isEqualTo("加入");
    }
}
