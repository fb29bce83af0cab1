package dev.confab.ui.privacy;

import dev.confab.meeting.history.MeetingRecord;
import dev.confab.ui.common.UiText;
import javafx.scene.control.ListCell;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;

/** One kept meeting in the privacy center's history: when, what, in which role, with how many people. */
final class MeetingHistoryCell extends ListCell<MeetingRecord> {
    private final UiText text;

    MeetingHistoryCell(UiText text) {
        this.text = text;
    }

    @Override
    protected void updateItem(MeetingRecord item, boolean empty) {
        super.updateItem(item, empty);
        if (empty || item == null) {
            setText(null);
            return;
        }
        String when = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                .withLocale(text.locale()).withZone(ZoneId.systemDefault()).format(item.startedAt());
        StringBuilder entry = new StringBuilder(text.get("privacy.historyEntry", when, item.title(),
                text.get("privacy.role." + item.ownRole().name()), item.participants().size()));
        for (MeetingRecord.PollSummary poll : item.polls()) {
            entry.append('\n').append(text.get("privacy.historyPoll", poll.question(), totals(poll)));
        }
        setText(entry.toString());
    }

    /** "Noodles 1 · Dumplings 2", or just the choices when this user never learned the totals. */
    private static String totals(MeetingRecord.PollSummary poll) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < poll.choices().size(); i++) {
            out.append(i > 0 ? " · " : "").append(poll.choices().get(i));
            if (poll.totals() != null) {
                out.append(' ').append(poll.totals().get(i));
            }
        }
        return out.toString();
    }
}
