package dev.confab.ui;

import dev.confab.meeting.ServerEndpoint;
import dev.confab.meeting.schedule.LocalSchedule;
import dev.confab.meeting.schedule.PlannedMeeting;
import dev.confab.meeting.schedule.ScheduleClient;
import dev.confab.ui.lobby.LobbyContext;
import dev.confab.ui.lobby.LobbyForm;
import dev.confab.ui.lobby.Scheduling;

import javafx.stage.Window;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** Scheduling for lobby tests: a real schedule file and real server requests; "Start" is only recorded. */
final class LocalScheduling implements Scheduling {

    final List<PlannedMeeting> started = new CopyOnWriteArrayList<>();
    /** What "Save to calendar…" is answered with: a file, or null for a cancelled dialog. */
    volatile Path calendarFile;
    /** The name the dialog suggested, as the user would have seen it. */
    volatile String suggestedCalendarName;
    private final LocalSchedule schedule;
    private final Duration timeout;

    LocalScheduling(LocalSchedule schedule, Duration timeout) {
        this.schedule = schedule;
        this.timeout = timeout;
    }

    @Override
    public LocalSchedule schedule() {
        return schedule;
    }

    @Override
    public ScheduleClient client() {
        return new ScheduleClient(timeout);
    }

    @Override
    public ServerEndpoint endpointFor(URI server) {
        return new ServerEndpoint(server, null);
    }

    @Override
    public void start(PlannedMeeting meeting, LobbyForm form, LobbyContext lobby) {
        started.add(meeting);
    }

    @Override
    public Optional<Path> chooseCalendarFile(Window owner, String title, String suggestedName) {
        suggestedCalendarName = suggestedName;
        return Optional.ofNullable(calendarFile);
    }
}
