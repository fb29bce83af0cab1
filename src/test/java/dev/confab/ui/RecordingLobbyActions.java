package dev.confab.ui;

import dev.confab.ui.lobby.LobbyActions;
import dev.confab.ui.lobby.LobbyContext;
import dev.confab.ui.lobby.LobbyForm;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Stands in for the meeting layer (the only path to the network) and records what the lobby asked of it. */
final class RecordingLobbyActions implements LobbyActions {
    record Call(String action, LobbyForm form) {
    }

    final List<Call> calls = new CopyOnWriteArrayList<>();
    /** Offered to the lobby when a test sets it ("Upcoming meetings"); none by default. */
    volatile dev.confab.ui.lobby.Scheduling scheduling;

    @Override
    public dev.confab.ui.lobby.Scheduling scheduling() {
        return scheduling;
    }

    @Override
    public void newMeeting(LobbyForm form, LobbyContext lobby) {
        calls.add(new Call("new", form));
        lobby.showInfo("lobby.meetingsUnavailable");
    }

    @Override
    public void join(LobbyForm form, LobbyContext lobby) {
        calls.add(new Call("join", form));
        lobby.showInfo("lobby.meetingsUnavailable");
    }
}
