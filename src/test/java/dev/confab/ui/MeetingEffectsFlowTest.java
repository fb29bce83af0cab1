package dev.confab.ui;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.confab.media.effects.EffectChoice;
import dev.confab.media.effects.EllipseSegmenter;
import dev.confab.storage.Settings;
import dev.confab.testing.UiTest;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.MenuButton;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The meeting's Effects menu, next to the camera button: a background chosen there reaches the meeting's camera
 * (the encoder's pictures pass the effect) and is remembered, like the noise suppression switch. The segmenter is the
 * test stand-in.
 */
@UiTest
class MeetingEffectsFlowTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    private final FxRobot robot = new FxRobot();
    private DesktopApp desktop;

    @AfterEach
    void stop() throws Exception {
        if (desktop != null) {
            desktop.close();
        }
    }

    private Settings storedSettings() throws Exception {
        return new ObjectMapper().findAndRegisterModules().readValue(
                Files.readString(desktop.app.paths.settingsFile()), Settings.class);
    }

    private static javafx.scene.control.MenuItem item(MenuButton menu, String id) {
        return menu.getItems().stream().filter(item -> id.equals(item.getId())).findFirst().orElseThrow();
    }

    /**
     * Chooses a menu entry as a click would. Not by the robot's pointer: showing this menu's popup in the meeting
     * made the headless glass platform fail to draw it (IndexOutOfBoundsException in HeadlessWindow.blit), in the
     * lobby it does not (BackgroundEffectsViewTest clicks there).
     */
    private void fire(MenuButton menu, String id) {
        robot.interact(() -> {
            javafx.scene.control.MenuItem item = item(menu, id);
            if (item instanceof CheckMenuItem check) {
                check.setSelected(!check.isSelected());
            }
            item.fire();
        });
    }

    @Test
    void aBlurChosenInTheMeetingReachesItsCameraAndNoiseSuppressionCanBeSwitchedOff() throws Exception {
        AppHarness app = new AppHarness(dir.resolve("app"), FakeCaptureFactory.withRealDevices())
                .withEffects(EllipseSegmenter::standard).agreedBefore(Settings.defaults().withLanguage("en"));
        desktop = DesktopApp.start(dir, app, Locale.ENGLISH,
                (harness, localServer) -> new dev.confab.ui.meeting.MeetingLauncher(harness.paths, localServer,
                        harness.cameras()));
        robot.interact(() -> robot.lookup("#displayName").queryTextInputControl().setText("Ada"));
        robot.clickOn("#newMeeting");
        desktop.awaitMeetingScreen(WAIT);

        MenuButton menu = robot.lookup("#effectsMenu").queryAs(MenuButton.class);
        assertThat(menu.getText()).isEqualTo("Effects");
        fire(menu, "effect-blur-light");

        EffectChoice light = EffectChoice.of(EffectChoice.Kind.BLUR_LIGHT);
        await().atMost(WAIT).until(() -> light.equals(app.effects.choice()));
        long before = app.effects.stats().snapshot().frames();
        await("the meeting camera's pictures pass the effect").atMost(WAIT)
                .until(() -> app.effects.stats().snapshot().frames() > before + 5);
        await().atMost(WAIT).until(() -> "blur_light".equals(storedSettings().backgroundEffect()));

        CheckMenuItem noise = (CheckMenuItem) item(menu, "noiseSuppressionItem");
        assertThat(noise.isSelected()).as("on by default").isTrue();
        fire(menu, "noiseSuppressionItem");
        await().atMost(WAIT).until(() -> !storedSettings().noiseSuppression());
        assertThat(noise.isSelected()).isFalse();
    }
}
