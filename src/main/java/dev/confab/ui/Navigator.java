package dev.confab.ui;

/** How screens move the main window between pages. All methods must be called on the FX thread. */
public interface Navigator {
    void showLobby();

    void showSettings();

    /** Shows any screen, e.g. the in-meeting screen; the previous one is disposed. */
    void show(Screen screen);

    UiText text();
}
