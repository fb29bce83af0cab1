package dev.confab.ui.chat;

/**
 * Opens a confirmed web address in the system browser. The app passes {@code HostServices::showDocument};
 * tests pass a recorder. Called on the JavaFX thread only after the user confirmed the full address.
 */
@FunctionalInterface
public interface LinkOpener {
    void open(String url);
}
