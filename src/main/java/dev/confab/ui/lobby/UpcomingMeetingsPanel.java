package dev.confab.ui.lobby;

import atlantafx.base.theme.Styles;
import dev.confab.meeting.MeetingFailure;
import dev.confab.meeting.schedule.PlannedMeeting;
import dev.confab.meeting.schedule.ScheduleException;
import dev.confab.ui.common.UiText;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The lobby's "Upcoming meetings": this computer's own schedule, soonest first, each with Start, Copy
 * invitation, Edit and Cancel, and "Schedule…" for a new one. Network and file work runs on its own thread;
 * the rows are rebuilt on the FX thread from what it found.
 */
final class UpcomingMeetingsPanel {

    private final UiText text;
    private final Scheduling scheduling;
    private final Clock clock;
    /** The lobby's current remote server address (prefills "Schedule…"), or null. */
    private final Supplier<String> lobbyServer;
    /** The lobby's name and devices for a meeting that starts. */
    private final Function<PlannedMeeting, LobbyForm> formFor;
    private final LobbyContext lobby;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().daemon().name("confab-schedule").factory());
    private final VBox rows = new VBox(10);
    private final Label status = new Label();
    private final VBox view;

    UpcomingMeetingsPanel(UiText text, Scheduling scheduling, Clock clock, Supplier<String> lobbyServer,
                          Function<PlannedMeeting, LobbyForm> formFor, LobbyContext lobby) {
        this.text = text;
        this.scheduling = scheduling;
        this.clock = clock;
        this.lobbyServer = lobbyServer;
        this.formFor = formFor;
        this.lobby = lobby;
        Label title = new Label(text.get("upcoming.title"));
        title.getStyleClass().add(Styles.TITLE_4);
        Button schedule = new Button(text.get("upcoming.schedule"));
        schedule.setId("scheduleMeeting");
        schedule.setOnAction(e -> edit(null));
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox header = new HBox(12, title, gap, schedule);
        header.setAlignment(Pos.CENTER_LEFT);
        status.setId("upcomingStatus");
        status.setWrapText(true);
        status.managedProperty().bind(status.textProperty().isNotEmpty());
        view = new VBox(12, header, rows, status);
        view.setId("upcomingMeetings");
        view.getStyleClass().addAll("card", "upcoming-meetings");
        reload();
    }

    Node view() {
        return view;
    }

    void dispose() {
        worker.shutdownNow();
    }

    private void reload() {
        worker.execute(() -> {
            try {
                List<PlannedMeeting> upcoming = scheduling.schedule().upcoming(clock.instant());
                Platform.runLater(() -> show(upcoming));
            } catch (java.io.IOException | RuntimeException e) {
                Platform.runLater(() -> showStatus(true, text.get("upcoming.unreadable", String.valueOf(e.getMessage()))));
            }
        });
    }

    private void show(List<PlannedMeeting> upcoming) {
        rows.getChildren().clear();
        if (upcoming.isEmpty()) {
            Label none = new Label(text.get("upcoming.none"));
            none.setId("noUpcoming");
            none.getStyleClass().add(Styles.TEXT_MUTED);
            rows.getChildren().add(none);
        }
        for (PlannedMeeting meeting : upcoming) {
            rows.getChildren().add(row(meeting));
        }
    }

    private Node row(PlannedMeeting meeting) {
        String id = meeting.meetingId();
        Label title = new Label(meeting.plan().title());
        title.setId("upcomingTitle-" + id);
        title.getStyleClass().add(Styles.TEXT_BOLD);
        ZonedDateTime start = meeting.plan().start().atZone(clock.getZone());
        ZonedDateTime end = meeting.end().atZone(clock.getZone());
        String when = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(text.locale()).format(start)
                + "  " + DateTimeFormatter.ofPattern("HH:mm").format(start) + "–"
                + DateTimeFormatter.ofPattern("HH:mm").format(end) + "  ·  " + MeetingIds.group(id);
        Label details = new Label(when);
        details.setId("upcomingWhen-" + id);
        details.getStyleClass().add(Styles.TEXT_MUTED);
        Button startButton = button("upcoming.start", "start-" + id, () -> start(meeting));
        startButton.getStyleClass().add(Styles.ACCENT);
        HBox buttons = new HBox(8, startButton,
                button("upcoming.copy", "copyInvitation-" + id, () -> copy(meeting)),
                button("upcoming.edit", "edit-" + id, () -> edit(meeting)),
                button("upcoming.cancel", "cancelMeeting-" + id, () -> cancel(meeting)));
        VBox row = new VBox(4, title, details, buttons);
        row.getStyleClass().add("upcoming-meeting");
        return row;
    }

    private Button button(String key, String id, Runnable action) {
        Button button = new Button(text.get(key));
        button.setId(id);
        button.setOnAction(e -> action.run());
        return button;
    }

    private void start(PlannedMeeting meeting) {
        LobbyForm form = formFor.apply(meeting);
        if (form.displayName().isBlank()) {
            lobby.showError("lobby.error.nameRequired");
            return;
        }
        scheduling.start(meeting, form, lobby);
    }

    private void copy(PlannedMeeting meeting) {
        ClipboardContent content = new ClipboardContent();
        content.putString(Invitation.text(meeting, text.locale()));
        javafx.scene.input.Clipboard.getSystemClipboard().setContent(content);
        showStatus(false, text.get("upcoming.copied"));
    }

    /** New (null) or change: the dialog, then the server, then this computer's schedule. */
    private void edit(PlannedMeeting meeting) {
        var dialog = new ScheduleDialog(text, view.getScene() == null ? null : view.getScene().getWindow(),
                lobbyServer.get(), meeting, ZonedDateTime.now(clock));
        dialog.showAndWait().ifPresent(request -> inBackground(meeting == null ? "upcoming.scheduled" : "upcoming.changed",
                () -> scheduling.schedule().save(meeting == null
                        ? scheduling.client().schedule(scheduling.endpointFor(request.server()), request.plan())
                        : scheduling.client().update(meeting, request.plan()))));
    }

    private void cancel(PlannedMeeting meeting) {
        // Confab's language, not the JVM's: JavaFX names its own Yes and No from the default locale.
        ButtonType yes = new ButtonType(text.get("upcoming.cancelYes"), javafx.scene.control.ButtonBar.ButtonData.OK_DONE);
        ButtonType no = new ButtonType(text.get("upcoming.cancelNo"), javafx.scene.control.ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert confirm = new Alert(Alert.AlertType.CONFIRMATION, text.get("upcoming.cancelConfirm", meeting.plan().title()),
                yes, no);
        confirm.getDialogPane().setId("cancelMeetingConfirm");
        confirm.initOwner(view.getScene() == null ? null : view.getScene().getWindow());
        if (confirm.showAndWait().orElse(no) == yes) {
            inBackground("upcoming.cancelled", () -> {
                scheduling.client().cancel(meeting);
                scheduling.schedule().remove(meeting.meetingId());
            });
        }
    }

    private interface Work {
        void run() throws Exception;
    }

    private void inBackground(String doneKey, Work work) {
        showStatus(false, text.get("upcoming.working"));
        worker.execute(() -> {
            try {
                work.run();
                Platform.runLater(() -> showStatus(false, text.get(doneKey)));
                reload();
            } catch (ScheduleException e) {
                MeetingFailure failure = e.failure();
                Platform.runLater(() -> showStatus(true, text.get(failure.messageKey(), failure.messageArgs())));
            } catch (Exception e) {
                Platform.runLater(() -> showStatus(true, text.get("upcoming.failed", String.valueOf(e.getMessage()))));
            }
        });
    }

    private void showStatus(boolean error, String message) {
        status.getStyleClass().removeAll(Styles.DANGER, Styles.SUCCESS);
        status.getStyleClass().add(error ? Styles.DANGER : Styles.SUCCESS);
        status.setText(message);
    }
}
