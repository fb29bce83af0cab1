package dev.confab.app;

import java.nio.file.Path;

/** Starts the JavaFX application. Kept apart so the CLI never loads JavaFX classes for headless subcommands. */
final class DesktopLauncher {
    private DesktopLauncher() {
    }

    static void launch(Path dataDir) {
        throw new UnsupportedOperationException("UI arrives with the foundation issue");
    }
}
