package dev.confab.ui.lobby;

import dev.confab.policy.EffectiveConfig;
import dev.confab.privacy.PermissionGate;
import dev.confab.ui.common.Browser;
import dev.confab.ui.common.UiText;
import dev.confab.ui.settings.SettingsAccess;

/**
 * What {@link LobbyActions} may do to the lobby while it starts or joins a meeting, and what the meeting it
 * opens takes over from the lobby. The status methods may be called from any thread (the lobby hops to the
 * FX thread itself); the others on the FX thread only.
 */
public interface LobbyContext {
    /** Shows an informational line under the buttons (localized from the bundle key). */
    void showInfo(String key, Object... args);

    /** Shows an error line under the buttons, e.g. "server unreachable". */
    void showError(String key, Object... args);

    /** Disables the buttons while a connection attempt is running. */
    void setBusy(boolean busy);

    /**
     * Offers a Cancel button while busy; {@code cancel} runs on the FX thread when pressed. Null removes it.
     * {@code setBusy(false)} removes it too.
     */
    void setCancel(Runnable cancel);

    /** What New meeting should start with (waiting room, mute on entry); FX thread. None unless the lobby offers it. */
    default NewMeetingOptions.Choice newMeetingOptions() {
        return NewMeetingOptions.Choice.NONE;
    }

    /** The lobby's window, to own dialogs such as the certificate prompt. */
    javafx.stage.Window window();

    /** For switching to the meeting screen once joined, and back to the lobby when it ends. */
    Navigator navigator();

    /** The window's language, for the meeting screen and its dialogs. */
    UiText text();

    /** The user's settings (the meeting's chat transcript follows them). */
    SettingsAccess settings();

    /** Opens links the user confirmed in the meeting's chat. */
    Browser browser();

    /** Asks once before the first use of the camera or microphone and remembers the answer. */
    PermissionGate permissions();

    /** The administrator's switches users cannot set themselves (chat, private chat), final since launch. */
    EffectiveConfig policy();

    /** The camera's background effect, for the meeting's Effects menu; null where none is offered. */
    default dev.confab.media.effects.CameraEffects effects() {
        return null;
    }
}
