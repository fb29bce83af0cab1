package dev.confab.ui;

import dev.confab.meeting.schedule.LocalSchedule;
import dev.confab.meeting.schedule.PlannedMeeting;
import dev.confab.protocol.ClientMessage;
import dev.confab.protocol.ErrorCode;
import dev.confab.server.MeetingServer;
import dev.confab.storage.Settings;
import dev.confab.testing.TestClient;
import dev.confab.testing.TestServers;
import dev.confab.testing.UiTest;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Labeled;
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
    }
}
