package dev.confab.app;

import dev.confab.media.CaptureFactory;
import dev.confab.storage.AppPaths;
import dev.confab.ui.AppServices;
import dev.confab.ui.ConfabApp;
import dev.confab.ui.LobbyActions;
import javafx.application.Platform;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.ServiceLoader;

/** Starts the JavaFX application. Kept apart so the CLI never loads JavaFX classes for headless subcommands. */
final class DesktopLauncher {
    private DesktopLauncher() {
    }

    static void launch(Path dataDir) {
        ConfabApp.launch(new AppServices(AppPaths.resolve(dataDir), captureFactory(), LobbyActions.UNAVAILABLE,
                Clock.systemUTC(), Platform::exit, Locale.getDefault()));
    }

    /**
     * The media layer registers its FFmpeg-backed factory as a {@link ServiceLoader} provider
     * ({@code META-INF/services/dev.confab.media.CaptureFactory}); without one the lobby shows "no devices".
     */
    static CaptureFactory captureFactory() {
        return ServiceLoader.load(CaptureFactory.class).findFirst().orElseGet(NoCaptureDevices::new);
    }
}
