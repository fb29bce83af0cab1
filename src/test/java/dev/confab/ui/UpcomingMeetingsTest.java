package dev.confab.ui;

import dev.confab.meeting.RecordingRule;
import dev.confab.meeting.schedule.LocalSchedule;
import dev.confab.meeting.schedule.MeetingPlan;
import dev.confab.meeting.schedule.PlannedMeeting;
import dev.confab.protocol.ClientMessage;
import dev.confab.protocol.ErrorCode;
import dev.confab.server.MeetingServer;
import dev.confab.storage.Settings;
import dev.confab.testing.TestClient;
import dev.confab.testing.TestServers;
import dev.confab.testing.UiTest;
import javafx.geometry.Bounds;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The lobby's "Upcoming meetings" with a real loopback server: schedule, copy the invitation, start, edit, cancel. */
@UiTest
class UpcomingMeetingsTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    @TempDir
    Path dir;
    private final FxRobot robot = new FxRobot();
    private LocalScheduling scheduling;
    private MeetingServer server;
    private AppHarness app;
    private LocalSchedule schedule;

    @BeforeEach
    void open() throws Exception {
        server = TestServers.start(TestServers.loopback());
        app = new AppHarness(dir, FakeCaptureFactory.withRealDevices()).agreedBefore(Settings.defaults().withLanguage("en"));
        schedule = LocalSchedule.of(app.paths);
        scheduling = new LocalScheduling(schedule, WAIT);
        app.meetings.scheduling = scheduling;
    }

    private void startApp() throws Exception {
        app.start(Locale.ENGLISH);
    }

    @AfterEach
    void stop() throws Exception {
        app.stop();
        server.stop();
    }

    private String text(String query) {
        return robot.lookup(query).queryAs(Labeled.class).getText();
    }

    private PlannedMeeting onlyScheduled() throws Exception {
        List<PlannedMeeting> all = schedule.upcoming(Instant.now());
        assertThat(all).hasSize(1);
        return all.getFirst();
    }

    private ErrorCode joinRefusal(String meetingId) throws Exception {
        TestClient invitee = TestClient.greeted(server.url());
        try {
            invitee.send(new ClientMessage.Join(meetingId, "Ines", "4711"));
            return invitee.nextError().code();
        } finally {
            invitee.close();
        }
    }

    private void fill(String query, String value) {
        robot.interact(() -> robot.lookup(query).queryAs(TextField.class).setText(value));
    }

    /** Presses the dialog's default (OK_DONE) button, checking it is labelled in Confab's language. */
    private void pressDefault(String dialog, String label) {
        DialogPane pane = robot.lookup(dialog).queryAs(DialogPane.class);
        ButtonType ok = pane.getButtonTypes().stream()
                .filter(type -> type.getButtonData() == javafx.scene.control.ButtonBar.ButtonData.OK_DONE).findFirst().orElseThrow();
        Button button = (Button) pane.lookupButton(ok);
        assertThat(button.getText()).isEqualTo(label);
        robot.interact(button::fire);
    }

    @Test
    void scheduleCopyStartEditAndCancelAMeetingFromTheLobby() throws Exception {
        startApp();
        await().atMost(WAIT).until(() -> robot.lookup("#noUpcoming").tryQuery().isPresent());

        robot.clickOn("#scheduleMeeting");
        fill("#scheduleServer", server.url().toString());
        pressDefault("#scheduleDialog", "Schedule");
        assertThat(text("#scheduleError")).as("the dialog stays open and says why").isEqualTo("Enter a title.");
        fill("#scheduleTitle", "Budget review");
        fill("#schedulePasscode", "4711");
        pressDefault("#scheduleDialog", "Schedule");

        await().atMost(WAIT).until(() -> !schedule.upcoming(Instant.now()).isEmpty());
        PlannedMeeting meeting = onlyScheduled();
        String id = meeting.meetingId();
        await().atMost(WAIT).until(() -> robot.lookup("#upcomingTitle-" + id).tryQuery().isPresent());
        assertThat(text("#upcomingTitle-" + id)).isEqualTo("Budget review");
        assertThat(text("#upcomingStatus")).isEqualTo("Meeting scheduled.");
        assertThat(joinRefusal(id)).isEqualTo(ErrorCode.MEETING_NOT_STARTED);

        robot.clickOn("#copyInvitation-" + id);
        String copied = WaitForAsyncUtils.asyncFx(() -> Clipboard.getSystemClipboard().getString()).get();
        assertThat(copied).contains("Budget review", "confab://join?", "meeting=" + id, "Passcode: 4711");

        robot.clickOn("#start-" + id);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(scheduling.started).as("no name yet").isEmpty();
        assertThat(text("#lobbyStatus")).isEqualTo("Enter your name.");
        robot.clickOn("#displayName").write("Hanna");
        robot.clickOn("#start-" + id);
        await().atMost(WAIT).until(() -> scheduling.started.size() == 1);
        assertThat(scheduling.started.getFirst().hostKey()).isEqualTo(meeting.hostKey());

        robot.clickOn("#edit-" + id);
        assertThat(robot.lookup("#scheduleTitle").queryAs(TextField.class).getText()).isEqualTo("Budget review");
        fill("#scheduleTitle", "Budget review (moved)");
        pressDefault("#scheduleDialog", "Save changes");
        await().atMost(WAIT).until(() -> robot.lookup("#upcomingTitle-" + id).tryQuery()
                .map(n -> ((Labeled) n).getText().equals("Budget review (moved)")).orElse(false));

        robot.clickOn("#cancelMeeting-" + id);
        pressDefault("#cancelMeetingConfirm", "Cancel the meeting");
        await().atMost(WAIT).until(() -> robot.lookup("#noUpcoming").tryQuery().isPresent());
        assertThat(schedule.upcoming(Instant.now())).isEmpty();
        assertThat(joinRefusal(id)).isEqualTo(ErrorCode.MEETING_CANCELLED);

        Path cancellation = dir.resolve("cancelled.ics");
        scheduling.calendarFile = cancellation;
        robot.clickOn("#saveCancellation");
        await().atMost(WAIT).until(() -> java.nio.file.Files.exists(cancellation));
        assertThat(scheduling.suggestedCalendarName).isEqualTo("Budget review (moved) (cancelled).ics");
        assertThat(java.nio.file.Files.readString(cancellation)).contains("METHOD:CANCEL", "STATUS:CANCELLED",
                "SUMMARY:Budget review (moved)");
        await().atMost(WAIT).until(() -> !robot.lookup("#saveCancellation").query().isVisible());
    }

    @Test
    void manyMeetingsStayInsideTheWindowAndEachSavesToACalendar() throws Exception {
        List<String> ids = new java.util.ArrayList<>();
        for (int day = 1; day <= 5; day++) {
            String id = "55500012" + (30 + day);
            schedule.save(new PlannedMeeting(id, server.url(), null, new MeetingPlan("Team sync " + day,
                    Instant.now().plus(Duration.ofDays(day)), Duration.ofMinutes(30), ZoneId.of("Europe/Berlin"), null,
                    false, RecordingRule.HOST_ONLY), "host-key-" + day, 0, Instant.now().plus(Duration.ofDays(day + 1))));
            ids.add(id);
        }
        startApp();
        String last = ids.getLast();
        await().atMost(WAIT).until(() -> robot.lookup("#upcomingTitle-" + last).tryQuery().isPresent());
        ScrollPane list = robot.lookup("#upcomingList").queryAs(ScrollPane.class);
        Bounds shown = WaitForAsyncUtils.asyncFx(() -> list.localToScene(list.getLayoutBounds())).get();
        double sceneHeight = list.getScene().getHeight();
        assertThat(shown.getMaxY()).as("the list ends inside the window, above its bottom edge").isLessThanOrEqualTo(sceneHeight);

        robot.interact(() -> list.setVvalue(1.0)); // the user scrolls to the last meeting
        Path blocked = java.nio.file.Files.writeString(dir.resolve("not-a-folder"), "x");
        scheduling.calendarFile = blocked.resolve("Team sync 5.ics");
        robot.clickOn("#saveCalendar-" + last);
        await().atMost(WAIT).until(() -> text("#upcomingStatus").startsWith("Could not save"));
        assertThat(scheduling.suggestedCalendarName).isEqualTo("Team sync 5.ics");

        Path target = dir.resolve("Team sync 5.ics");
        scheduling.calendarFile = target;
        robot.clickOn("#saveCalendar-" + last);
        await().atMost(WAIT).until(() -> java.nio.file.Files.exists(target));
        String calendar = java.nio.file.Files.readString(target).replace("\r\n ", ""); // unfolded, as calendars read it
        assertThat(calendar).contains("BEGIN:VCALENDAR", "METHOD:PUBLISH", "SUMMARY:Team sync 5", "meeting=" + last);
        assertThat(calendar).doesNotContain("host-key");
        await().atMost(WAIT).until(() -> text("#upcomingStatus").startsWith("Saved for your calendar"));

        scheduling.calendarFile = null; // the user closes the dialog: nothing is written, nothing is said
        robot.clickOn("#saveCalendar-" + ids.getFirst());
        assertThat(text("#upcomingStatus")).startsWith("Saved for your calendar");
    }
}
