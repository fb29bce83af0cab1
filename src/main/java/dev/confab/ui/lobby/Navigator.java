package dev.confab.ui.lobby;

import dev.confab.ui.common.Screen;
import dev.confab.ui.common.UiMessage;
import dev.confab.ui.common.UiText;

/** How screens move the main window between pages. All methods must be called on the FX thread. */
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

    UiText text();

    /** Asks once before the first use of the camera or microphone and remembers the answer. */
    dev.confab.privacy.PermissionGate permissions();

    /** The administrator policy merged with the user's settings (chat, private chat, sharing, recording switches). */
    dev.confab.policy.EffectiveConfig policy();

    /** The user's settings as they are now. */
    dev.confab.storage.Settings currentSettings();

    /** Opens a web address the user confirmed in the system browser. */
    void openLink(String url);
}
