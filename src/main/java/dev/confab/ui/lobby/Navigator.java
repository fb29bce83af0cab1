package dev.confab.ui.lobby;

import dev.confab.ui.common.Screen;
import dev.confab.ui.common.UiMessage;

/**
 * How screens move the main window between pages, and nothing else: text, settings, permissions and links
 * are handed to the screens that need them. All methods must be called on the FX thread.
 */
public interface Navigator {
    void showLobby();

    /**
     * Back to the lobby after a meeting, with the form as the user left it (meeting ID, passcode, server)
     * and a line saying why the meeting ended. {@code message} may be null.
     */
    void returnToLobby(LobbyForm previous, UiMessage message, boolean isError);

    void showSettings();

    /** Shows any screen, e.g. the in-meeting screen; the previous one is disposed. */
    void show(Screen screen);
}
