package dev.confab.ui.lobby;

import dev.confab.meeting.RecordingRule;
import dev.confab.meeting.schedule.MeetingPlan;
import dev.confab.meeting.schedule.PlannedMeeting;
import dev.confab.ui.common.UiText;
import javafx.event.ActionEvent;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

import java.net.URI;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * "Schedule a meeting" and "Edit": server, title, date, time, length, time zone, passcode, waiting room. Checks
 * what it can locally (the server checks the rest and says why); the answer is the server and the plan.
 */
final class ScheduleDialog {

    /** What the user asked for. */
    record Request(URI server, MeetingPlan plan) {
    }

    private static final List<Integer> LENGTHS = List.of(15, 30, 45, 60, 90, 120, 180, 240);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private final Dialog<Request> dialog = new Dialog<>();
    private final TextField server = new TextField();
    private final TextField title = new TextField();
    private final DatePicker date = new DatePicker();
    private final TextField time = new TextField();
    private final ComboBox<Integer> length = new ComboBox<>();
    private final ComboBox<String> zone = new ComboBox<>();
    private final TextField passcode = new TextField();
    private final CheckBox waitingRoom = new CheckBox();
    private final Label error = new Label();
    private final UiText text;
    /** In Confab's language, not the JVM's (JavaFX names its own OK and Cancel from the default locale). */
    private final ButtonType save;

    /** @param editing the meeting to change (its server cannot change), or null for a new one */
    ScheduleDialog(UiText text, Window owner, String serverText, PlannedMeeting editing, ZonedDateTime now) {
        this.text = text;
        dialog.initOwner(owner);
        dialog.setTitle(text.get(editing == null ? "schedule.dialog.title" : "schedule.dialog.editTitle"));
        dialog.getDialogPane().setId("scheduleDialog");
        save = new ButtonType(text.get(editing == null ? "schedule.dialog.schedule" : "schedule.dialog.save"),
                javafx.scene.control.ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().addAll(save, new ButtonType(text.get("schedule.dialog.cancel"),
                javafx.scene.control.ButtonBar.ButtonData.CANCEL_CLOSE));
        date.setConverter(new javafx.util.converter.LocalDateStringConverter(
                java.time.format.DateTimeFormatter.ofLocalizedDate(java.time.format.FormatStyle.MEDIUM).withLocale(text.locale()),
                null));
        server.setId("scheduleServer");
        title.setId("scheduleTitle");
        date.setId("scheduleDate");
        time.setId("scheduleTime");
        length.setId("scheduleLength");
        zone.setId("scheduleZone");
        passcode.setId("schedulePasscode");
        waitingRoom.setId("scheduleWaitingRoom");
        error.setId("scheduleError");
        error.getStyleClass().add(atlantafx.base.theme.Styles.DANGER);
        error.setWrapText(true);
        length.getItems().setAll(LENGTHS);
        length.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Integer minutes) {
                return minutes == null ? "" : text.get("schedule.minutes", minutes);
            }

            @Override
            public Integer fromString(String s) {
                return null;
            }
        });
        zone.setEditable(true);
        zone.getItems().setAll(List.of(now.getZone().getId(), "UTC", "Europe/London", "Europe/Berlin",
                "America/New_York", "America/Los_Angeles", "Asia/Shanghai", "Asia/Tokyo").stream().distinct().toList());
        waitingRoom.setText(text.get("schedule.waitingRoom"));
        server.setPrefColumnCount(26);
        title.setPrefColumnCount(26);
        fill(serverText, editing, now);
        GridPane grid = new GridPane(12, 10);
        grid.setPadding(new javafx.geometry.Insets(8, 8, 0, 8));
        String[] labels = {"schedule.server", "schedule.title", "schedule.date", "schedule.time", "schedule.length",
                "schedule.zone", "schedule.passcode"};
        javafx.scene.Node[] fields = {server, title, date, time, length, zone, passcode};
        for (int i = 0; i < fields.length; i++) {
            Label label = new Label(text.get(labels[i]));
            label.setLabelFor(fields[i]);
            grid.addRow(i, label, fields[i]);
        }
        grid.add(waitingRoom, 1, fields.length);
        grid.add(error, 0, fields.length + 1, 2, 1);
        dialog.getDialogPane().setContent(grid);
        dialog.getDialogPane().lookupButton(save).addEventFilter(ActionEvent.ACTION, e -> {
            if (request() == null) {
                e.consume(); // stay open and show why
            }
        });
        dialog.setResultConverter(button -> button == save ? request() : null);
    }

    private void fill(String serverText, PlannedMeeting editing, ZonedDateTime now) {
        if (editing == null) {
            server.setText(serverText == null ? "" : serverText);
            ZonedDateTime next = now.plusHours(1).withMinute(0).withSecond(0).withNano(0);
            date.setValue(next.toLocalDate());
            time.setText(TIME.format(next));
            length.setValue(60);
            zone.setValue(now.getZone().getId());
            return;
        }
        server.setText(editing.server().toString());
        server.setDisable(true); // the meeting ID belongs to that server
        ZonedDateTime start = editing.startInItsZone();
        title.setText(editing.plan().title());
        date.setValue(start.toLocalDate());
        time.setText(TIME.format(start));
        int minutes = (int) editing.plan().duration().toMinutes();
        if (!length.getItems().contains(minutes)) {
            length.getItems().add(minutes);
        }
        length.setValue(minutes);
        zone.setValue(editing.plan().zone().getId());
        passcode.setText(editing.plan().passcode() == null ? "" : editing.plan().passcode());
        waitingRoom.setSelected(editing.plan().waitingRoom());
    }

    java.util.Optional<Request> showAndWait() {
        return dialog.showAndWait();
    }

    /** The request, or null after showing what is wrong. */
    private Request request() {
        URI uri;
        try {
            uri = URI.create(server.getText().strip());
            if (uri.getHost() == null || !List.of("wss", "ws").contains(String.valueOf(uri.getScheme()))) {
                return problem("schedule.error.server");
            }
        } catch (IllegalArgumentException e) {
            return problem("schedule.error.server");
        }
        if (title.getText().isBlank()) {
            return problem("schedule.error.title");
        }
        LocalDate day = date.getValue();
        LocalTime at;
        ZoneId in;
        try {
            at = LocalTime.parse(time.getText().strip(), TIME);
        } catch (DateTimeException e) {
            return problem("schedule.error.time");
        }
        try {
            in = ZoneId.of(String.valueOf(zone.getValue()).strip());
        } catch (DateTimeException e) {
            return problem("schedule.error.zone");
        }
        if (day == null || length.getValue() == null) {
            return problem("schedule.error.time");
        }
        error.setText("");
        MeetingPlan plan = new MeetingPlan(title.getText().strip(), ZonedDateTime.of(day, at, in).toInstant(),
                Duration.ofMinutes(length.getValue()), in, passcode.getText().strip(), waitingRoom.isSelected(),
                RecordingRule.HOST_ONLY);
        return new Request(uri, plan);
    }

    private Request problem(String key) {
        error.setText(text.get(key));
        return null;
    }
}
