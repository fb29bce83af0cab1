package dev.confab.ui.lobby;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import dev.confab.meeting.MeetingFailure;
import dev.confab.meeting.schedule.PlannedMeeting;
import dev.confab.meeting.schedule.ScheduleException;
import dev.confab.recording.RecordingFileNames;
import dev.confab.storage.AtomicFiles;
import dev.confab.ui.common.Icons;
import dev.confab.ui.common.UiText;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The lobby's "Upcoming meetings": this computer's own schedule, soonest first, each with Start, Copy
 * invitation, Save to calendar, Edit and Cancel, and "Schedule…" for a new one. Network and file work runs on its own thread;
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
    private final VBox rows = new VBox(8);
    private final Label status = new Label();
    private final Hyperlink cancellationLink = new Hyperlink();
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
        ScrollPane list = new ScrollPane(rows);
        list.setId("upcomingList");
        list.setFitToWidth(true);
        list.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        list.getStyleClass().add(Tweaks.EDGE_TO_EDGE);
        list.setMinHeight(60); // at least one meeting, however small the window
        VBox.setVgrow(list, Priority.ALWAYS);
        rows.getStyleClass().add("upcoming-rows");
        cancellationLink.setId("saveCancellation");
        cancellationLink.setText(text.get("upcoming.saveCancellation"));
        cancellationLink.setVisible(false);
        cancellationLink.managedProperty().bind(cancellationLink.visibleProperty());
        view = new VBox(10, header, list, status, cancellationLink);
        view.setPrefWidth(400); // as wide as the form above; long titles end in "…" instead of widening the column
        view.setMinWidth(340);
        VBox.setVgrow(view, Priority.ALWAYS); // takes the lobby's remaining height; the list scrolls within it
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

    /**
     * One meeting in two lines: the title with Start and the icon actions, then the day, time and meeting ID
     * across the whole width; compact, so that several fit in the lobby beside the device check.
     */
    private Node row(PlannedMeeting meeting) {
        String id = meeting.meetingId();
        Label title = new Label(meeting.plan().title());
        title.setId("upcomingTitle-" + id);
        title.getStyleClass().add(Styles.TEXT_BOLD);
        title.setMinWidth(0); // a long title ends in "…" rather than pushing the buttons out
        title.setTooltip(new Tooltip(meeting.plan().title()));
        ZonedDateTime start = meeting.plan().start().atZone(clock.getZone());
        ZonedDateTime end = meeting.end().atZone(clock.getZone());
        String when = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(text.locale()).format(start)
                + "  " + DateTimeFormatter.ofPattern("HH:mm").format(start) + "–"
                + DateTimeFormatter.ofPattern("HH:mm").format(end) + "  ·  " + MeetingIds.group(id);
        Label details = new Label(when);
        details.setId("upcomingWhen-" + id);
        details.getStyleClass().add(Styles.TEXT_MUTED);
        Button startButton = new Button(text.get("upcoming.start"));
        startButton.setId("start-" + id);
        startButton.setOnAction(e -> start(meeting));
        startButton.getStyleClass().add(Styles.ACCENT);
        startButton.setMinWidth(Region.USE_PREF_SIZE);
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox firstLine = new HBox(6, title, gap, startButton,
                iconButton(MaterialDesignC.CONTENT_COPY, "upcoming.copy", "copyInvitation-" + id, () -> copy(meeting)),
                iconButton(MaterialDesignC.CALENDAR_EXPORT, "upcoming.saveCalendar", "saveCalendar-" + id,
                        () -> saveCalendar(meeting)),
                iconButton(MaterialDesignP.PENCIL_OUTLINE, "upcoming.edit", "edit-" + id, () -> edit(meeting)),
                iconButton(MaterialDesignC.CALENDAR_REMOVE_OUTLINE, "upcoming.cancel", "cancelMeeting-" + id,
                        () -> cancel(meeting)));
        firstLine.setAlignment(Pos.CENTER_LEFT);
        VBox row = new VBox(2, firstLine, details);
        row.getStyleClass().add("upcoming-meeting");
        return row;
    }

    /** An icon-only action with its name as tooltip and as the text a screen reader speaks. */
    private Button iconButton(Ikon icon, String key, String id, Runnable action) {
        Button button = new Button(null, Icons.of(icon));
        button.setId(id);
        button.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        button.setTooltip(new Tooltip(text.get(key)));
        button.setAccessibleText(text.get(key));
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

    /** "Save to calendar…": the meeting's .ics where the user chooses. */
    private void saveCalendar(PlannedMeeting meeting) {
        saveCalendarFile(meeting.plan().title(), Invitation.calendar(meeting, text.locale(), clock.instant()));
    }

    /** After a cancel: the METHOD:CANCEL .ics that takes the meeting out of the invitees' calendars. */
    private void saveCancellation(PlannedMeeting meeting) {
        saveCalendarFile(text.get("upcoming.cancellationFile", meeting.plan().title()),
                Invitation.cancellation(meeting, text.locale(), clock.instant()));
    }

    /** Asks where (FX thread), then writes atomically off the FX thread and says how it went. */
    private void saveCalendarFile(String name, String calendar) {
        Optional<Path> target = scheduling.chooseCalendarFile(view.getScene() == null ? null : view.getScene().getWindow(),
                text.get("upcoming.saveCalendar"), RecordingFileNames.sanitize(name) + ".ics");
        if (target.isEmpty()) {
            return;
        }
        worker.execute(() -> {
            try {
                AtomicFiles.write(target.get(), calendar.getBytes(StandardCharsets.UTF_8));
                Platform.runLater(() -> showStatus(false, text.get("upcoming.calendarSaved", target.get().toString())));
            } catch (java.io.IOException | RuntimeException e) {
                Platform.runLater(() -> showStatus(true,
                        text.get("upcoming.calendarFailed", target.get().toString(), String.valueOf(e.getMessage()))));
            }
        });
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
            }, () -> offerCancellation(meeting));
        }
    }

    private interface Work {
        void run() throws Exception;
    }

    private void inBackground(String doneKey, Work work) {
        inBackground(doneKey, work, () -> {
        });
    }

    /** Offers the cancellation .ics until the next status replaces it. FX thread. */
    private void offerCancellation(PlannedMeeting meeting) {
        cancellationLink.setOnAction(e -> saveCancellation(meeting));
        cancellationLink.setVisible(true);
    }

    /** {@code afterSuccess} runs on the FX thread once the work is done and its status shown. */
    private void inBackground(String doneKey, Work work, Runnable afterSuccess) {
        showStatus(false, text.get("upcoming.working"));
        worker.execute(() -> {
            try {
                work.run();
                Platform.runLater(() -> {
                    showStatus(false, text.get(doneKey));
                    afterSuccess.run();
                });
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
        cancellationLink.setVisible(false);
        status.getStyleClass().removeAll(Styles.DANGER, Styles.SUCCESS);
        status.getStyleClass().add(error ? Styles.DANGER : Styles.SUCCESS);
        status.setText(message);
    }
}
