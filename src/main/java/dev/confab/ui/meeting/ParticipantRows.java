package dev.confab.ui.meeting;

import dev.confab.meeting.Attendee;
import dev.confab.meeting.Roster;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The roster as rows: oneself first, then in join order. A participant keeps their row object while they stay
 * (views keyed on it keep their nodes); rows of those who left are dropped. Plain Java, no toolkit needed.
 */
public final class ParticipantRows {
    private final ObservableList<ParticipantRow> rows = FXCollections.observableArrayList();
    // One wrapper for all: it listens to the list weakly, so a wrapper made per call would stop reporting once collected.
    private final ObservableList<ParticipantRow> readOnly = FXCollections.unmodifiableObservableList(rows);
    private final Map<Integer, ParticipantRow> byId = new HashMap<>();

    public ObservableList<ParticipantRow> rows() {
        return readOnly;
    }

    public Optional<ParticipantRow> row(int participantId) {
        return Optional.ofNullable(byId.get(participantId));
    }

    /** Matches the rows to {@code roster}, changing the list only where someone joined, left or moved. */
    public void show(Roster roster) {
        List<ParticipantRow> next = new ArrayList<>();
        roster.self().ifPresent(p -> next.add(rowFor(p, roster, true)));
        for (Attendee p : roster.participants()) {
            if (p.id() != roster.selfId()) {
                next.add(rowFor(p, roster, false));
            }
        }
        byId.values().removeIf(row -> !next.contains(row));
        if (!next.equals(rows)) {
            rows.setAll(next);
        }
    }

    private ParticipantRow rowFor(Attendee p, Roster roster, boolean self) {
        ParticipantRow row = byId.get(p.id());
        if (row == null || row.self() != self) {
            row = new ParticipantRow(p, self, roster.label(p));
            byId.put(p.id(), row);
        } else {
            row.update(p, roster.label(p));
        }
        return row;
    }
}
