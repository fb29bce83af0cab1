package dev.confab.app;

import dev.confab.media.CaptureFactory;
import dev.confab.media.FfmpegCaptureFactory;
import dev.confab.storage.AppPaths;
import dev.confab.ui.AppServices;
import dev.confab.ui.ConfabApp;
import dev.confab.ui.LobbyActions;
import javafx.application.Platform;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;

/** Starts the JavaFX application. Kept apart so the CLI never loads JavaFX classes for headless subcommands. */
final class DesktopLauncher {
    private DesktopLauncher() {
    }

    static void launch(Path dataDir) {
        ConfabApp.launch(new AppServices(AppPaths.resolve(dataDir), captureFactory(), LobbyActions.UNAVAILABLE,
                Clock.systemUTC(), Platform::exit, Locale.getDefault()));
    }

    static CaptureFactory captureFactory() {
        return new FfmpegCaptureFactory();
    }
}
