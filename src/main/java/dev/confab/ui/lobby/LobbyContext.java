package dev.confab.ui.lobby;


/**
 * What {@link LobbyActions} may do to the lobby while it starts or joins a meeting. Every method may be
 * called from any thread; the lobby hops to the FX thread itself.
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

    /** The lobby's window, to own dialogs such as the certificate prompt (FX thread only). */
    javafx.stage.Window window();

    /** For switching to the meeting screen once joined (FX thread only). */
    Navigator navigator();
}
