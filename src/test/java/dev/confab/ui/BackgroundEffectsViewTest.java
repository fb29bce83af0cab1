package dev.confab.ui;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.confab.media.effects.EffectChoice;
import dev.confab.media.effects.EllipseSegmenter;
import dev.confab.storage.Settings;
import dev.confab.testing.UiTest;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The lobby's background effect and noise suppression switch: chosen, shown in the live preview, remembered across
 * launches, and a clear message instead of a crash when the picture or the segmenter cannot be used. The segmenter
 * is the test stand-in (a fixed ellipse): these tests are about the choice, not the model.
 */
@UiTest
class BackgroundEffectsViewTest {
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

    private void open(Settings settings, dev.confab.media.effects.SegmenterSource segmenters) throws Exception {
        app = new AppHarness(dir, FakeCaptureFactory.syntheticOnly()).withEffects(segmenters).agreedBefore(settings);
        app.start(Locale.ENGLISH);
        awaitPreview();
    }

    private void awaitPreview() {
        await().atMost(Duration.ofSeconds(15)).until(() -> robot.lookup("#preview").tryQuery()
                .map(view -> ((dev.confab.ui.video.VideoView) view).framesShown() > 0).orElse(false));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private Settings storedSettings() throws Exception {
        return new ObjectMapper().findAndRegisterModules().readValue(Files.readString(app.paths.settingsFile()), Settings.class);
    }

    private String text(String id) {
        Node node = robot.lookup(id).query();
        return ((Labeled) node).getText();
    }

    private boolean showing(String id) {
        return robot.lookup(id).tryQuery().map(Visibility::shown).orElse(false);
    }

    @Test
    void aBlurChosenInTheLobbyIsAppliedToThePreviewAndChosenAgainAtTheNextLaunch() throws Exception {
        open(Settings.defaults().withLanguage("en"), EllipseSegmenter::standard);
        assertThat(app.effects.choice()).isEqualTo(EffectChoice.OFF);

        robot.clickOn("#effectsMenu");
        robot.clickOn("Blur (strong)");

        EffectChoice strong = EffectChoice.of(EffectChoice.Kind.BLUR_STRONG);
        await().atMost(Duration.ofSeconds(15)).until(() -> "blur_strong".equals(storedSettings().backgroundEffect()));
        assertThat(app.effects.choice()).isEqualTo(strong);
        long before = app.effects.stats().snapshot().frames();
        await("the preview's frames pass the effect").atMost(Duration.ofSeconds(15))
                .until(() -> app.effects.stats().snapshot().frames() > before + 3);
        assertThat(robot.lookup("#effectsMenu").queryAs(javafx.scene.control.MenuButton.class).getAccessibleText())
                .isEqualTo("Background: Blur (strong)");

        app.stop();
        app.start(Locale.ENGLISH);
        awaitPreview();
        await().atMost(Duration.ofSeconds(15)).until(() -> strong.equals(app.effects.choice()));
        assertThat(showing("#effectsNote")).isFalse();
    }

    @Test
    void aBrokenPictureSaysWhyAndTheEffectIsOff() throws Exception {
        Path broken = Files.writeString(dir.resolve("beach.png"), "this is not a picture");
        open(Settings.defaults().withLanguage("en").withBackground("picture", broken.toString()),
                EllipseSegmenter::standard);

        await().atMost(Duration.ofSeconds(15)).until(() -> showing("#effectsNote"));
        assertThat(text("#effectsNote")).startsWith("The background picture could not be used (")
                .contains("beach.png").endsWith("so the effect is off.");
        assertThat(app.effects.choice()).isEqualTo(EffectChoice.OFF);
        await().atMost(Duration.ofSeconds(15)).until(() -> "off".equals(storedSettings().backgroundEffect()));
        assertThat(robot.lookup("#preview").queryAs(dev.confab.ui.video.VideoView.class).framesShown())
                .as("the camera goes on").isPositive();
    }

    @Test
    void whereTheSegmenterCannotOpenTheLobbySaysEffectsAreNotAvailable() throws Exception {
        open(Settings.defaults().withLanguage("en").withBackground("blur_light", null), () -> {
            throw new IllegalStateException("no model in this build");
        });

        await().atMost(Duration.ofSeconds(15)).until(() -> showing("#effectsNote"));
        assertThat(text("#effectsNote")).isEqualTo("Background effects are not available on this computer.");
        assertThat(app.effects.choice()).isEqualTo(EffectChoice.OFF);
        robot.clickOn("#effectsMenu");
        var items = robot.lookup("#effectsMenu").queryAs(javafx.scene.control.MenuButton.class).getItems();
        assertThat(items.getFirst().getText()).isEqualTo("Background effects are not available on this computer.");
        assertThat(items.stream().filter(item -> "effect-blur-light".equals(item.getId())).findFirst().orElseThrow()
                .isDisable()).isTrue();
        robot.type(javafx.scene.input.KeyCode.ESCAPE);
        assertThat(storedSettings().backgroundEffect()).as("kept for a computer that can").isEqualTo("blur_light");
    }

    @Test
    void noiseSuppressionIsOnByDefaultAndItsSwitchIsRemembered() throws Exception {
        open(Settings.defaults().withLanguage("en"), EllipseSegmenter::standard);
        var toggle = robot.lookup("#noiseSuppression").queryAs(atlantafx.base.controls.ToggleSwitch.class);
        assertThat(toggle.isSelected()).isTrue();

        robot.clickOn("#noiseSuppression");

        await().atMost(Duration.ofSeconds(15)).until(() -> !storedSettings().noiseSuppression());
        app.stop();
        app.start(Locale.ENGLISH);
        awaitPreview();
        assertThat(robot.lookup("#noiseSuppression").queryAs(atlantafx.base.controls.ToggleSwitch.class).isSelected())
                .isFalse();
    }
}
