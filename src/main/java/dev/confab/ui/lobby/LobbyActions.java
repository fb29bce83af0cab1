package dev.confab.ui.lobby;

/**
 * What the lobby's two buttons do. The meeting layer implements this; the UI only hands over a validated
 * form. Calls arrive on the FX thread and must return quickly: do network work on another thread and
 * report back through {@link LobbyContext}.
 */
public interface LobbyActions {
    void newMeeting(LobbyForm form, LobbyContext lobby);

    void join(LobbyForm form, LobbyContext lobby);

    /** "Try a demo meeting": joins a meeting on this computer with synthetic participants. */
    default void demoMeeting(LobbyForm form, LobbyContext lobby) {
        lobby.showInfo("lobby.meetingsUnavailable");
    }

    /** True once when the app was started with {@code --demo}: the lobby then starts the demo by itself. */
    default boolean takeDemoRequest() {
        return false;
    }

    /** Scheduling meetings ahead ("Upcoming meetings" in the lobby), or null where it is not offered. */
    default Scheduling scheduling() {
        return null;
    }

    /** Used until a meeting layer is connected: tells the user that meetings are not available yet. */
    LobbyActions UNAVAILABLE = new LobbyActions() {
        @Override
        public void newMeeting(LobbyForm form, LobbyContext lobby) {
            lobby.showInfo("lobby.meetingsUnavailable");
        }

        @Override
        public void join(LobbyForm form, LobbyContext lobby) {
            lobby.showInfo("lobby.meetingsUnavailable");
        }
    };
}
