package dev.confab.ui;

import dev.confab.meeting.ServerEndpoint;
import dev.confab.meeting.schedule.LocalSchedule;
import dev.confab.meeting.schedule.PlannedMeeting;
import dev.confab.meeting.schedule.ScheduleClient;
import dev.confab.ui.lobby.LobbyContext;
import dev.confab.ui.lobby.LobbyForm;
import dev.confab.ui.lobby.Scheduling;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Scheduling for lobby tests: a real schedule file and real server requests; "Start" is only recorded. */
final class LocalScheduling implements Scheduling {

    final List<PlannedMeeting> started = new CopyOnWriteArrayList<>();
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
}
