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
        setText(text.get("privacy.historyEntry", when, item.title(),
                text.get("privacy.role." + item.ownRole().name()), item.participants().size()));
    }
}
