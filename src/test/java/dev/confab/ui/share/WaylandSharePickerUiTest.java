package dev.confab.ui.share;

import dev.confab.media.ScreenCaptureFactory;
import dev.confab.testing.PrivateWaylandDesktop;
import dev.confab.testing.UiTest;
import dev.confab.ui.common.UiText;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The share picker on a Wayland desktop: with a real screen cast portal (a private session,
 * {@link PrivateWaylandDesktop}) it offers the system's dialog and says what that means; without one it says why
 * nothing but the test screen can be shared.
 */
@UiTest
class WaylandSharePickerUiTest {
    static {
        System.setProperty("testfx.headless", "false"); // JavaFX's own Headless platform, not Monocle
    }

    private final FxRobot robot = new FxRobot();
    private Stage stage;
    private SharePicker picker;

    @BeforeEach
    void stage() throws Exception {
        stage = FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (picker != null) {
            picker.close();
        }
        FxToolkit.cleanupStages();
    }

    private void show(UiText text, ScreenCaptureFactory screens, List<SharePicker.Choice> chosen) throws Exception {
        FxToolkit.setupFixture(() -> {
            picker = new SharePicker(text, screens, chosen::add, () -> { });
            stage.setScene(new Scene(picker, 640, 640));
            stage.show();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void withAPortalThePickerOffersTheSystemDialogWithoutPreviewAndSharesThatChoice() throws Exception {
        try (PrivateWaylandDesktop desktop = PrivateWaylandDesktop.start()) {
            List<SharePicker.Choice> chosen = new CopyOnWriteArrayList<>();
            show(new UiText(Locale.ENGLISH), ScreenCaptureFactory.withEnvironment(desktop.environment()), chosen);

            ToggleButton tile = robot.lookup("#screenTile-1").queryAs(ToggleButton.class);
            assertThat(tile.getText()).isEqualTo("Screen (system dialog)");
            assertThat(robot.lookup("#shareLimitation").queryAs(Label.class).getText())
                    .contains("your desktop's own dialog").contains("Confab minimizes its window while you share a screen");
            assertThat(robot.lookup("#noWindows").queryAs(Label.class).getText()).contains("whole screens only");
            assertThat(robot.lookup("#windowsNote").queryAs(Label.class).getText())
                    .as("not the X11 promise of grey cover").contains("Confab minimizes its window").doesNotContain("grey");
            robot.clickOn(tile);
            robot.clickOn("#startShare");
            assertThat(chosen).containsExactly(new SharePicker.Choice(ScreenCaptureFactory.PORTAL_SCREEN, false, false));
        }
    }

    @Test
    void withoutAPortalThePickerSaysWhatIsMissingInChinese() throws Exception {
        // A Wayland session whose bus has no portal: here, no session bus at all.
        show(new UiText(Locale.SIMPLIFIED_CHINESE), ScreenCaptureFactory.withEnvironment(Map.of("WAYLAND_DISPLAY", "wayland-0")),
                new CopyOnWriteArrayList<>());
        assertThat(robot.lookup("#shareLimitation").queryAs(Label.class).getText())
                .contains("屏幕共享门户").contains("xdg-desktop-portal");
        assertThat(robot.lookup("#screenTiles .toggle-button").queryAll()).as("only the test screen").hasSize(1);
        assertThat(robot.lookup("#noWindows").queryAs(Label.class).getText()).as("the reason is not said twice")
                .isEqualTo("这里也无法共享单个窗口（见上方说明）。");
    }
}
