package dev.confab.ui.recording;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Hands a recording to the system: play it in the user's own player, show it in the file manager. Called
 * off the JavaFX thread (desktop integration may block).
 */
public interface FileActions {
    void play(Path file) throws IOException;

    void reveal(Path file) throws IOException;

    /** The desktop's own handlers (java.awt.Desktop); throws where there is no desktop integration. */
    static FileActions desktop() {
        return new FileActions() {
            @Override
            public void play(Path file) throws IOException {
                desktopOrFail().open(file.toFile());
            }

            @Override
            public void reveal(Path file) throws IOException {
                java.awt.Desktop desktop = desktopOrFail();
                if (desktop.isSupported(java.awt.Desktop.Action.BROWSE_FILE_DIR)) {
                    desktop.browseFileDirectory(file.toFile()); // selects the file where supported
                } else {
                    desktop.open(file.getParent().toFile());
                }
            }

            private static java.awt.Desktop desktopOrFail() throws IOException {
                if (!java.awt.Desktop.isDesktopSupported()) {
                    throw new IOException("This system offers no desktop integration");
                }
                return java.awt.Desktop.getDesktop();
            }
        };
    }
}
