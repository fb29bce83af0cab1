package dev.confab.ui.lobby;

import dev.confab.meeting.ServerEndpoint;
import dev.confab.meeting.schedule.LocalSchedule;
import dev.confab.meeting.schedule.PlannedMeeting;
import dev.confab.meeting.schedule.ScheduleClient;

import java.io.IOException;
import java.net.URI;

/**
 * What the lobby's "Upcoming meetings" needs: this computer's schedule, the server to schedule on (with the
 * certificate the user pinned for it), and how to start a planned meeting as its host.
 */
public interface Scheduling {

    LocalSchedule schedule();

    ScheduleClient client();

    /** Blocking (reads the pinned certificates): call off the FX thread. */
    ServerEndpoint endpointFor(URI server) throws IOException;

    /** Opens the meeting as its host with the lobby's name and devices. FX thread. */
    void start(PlannedMeeting meeting, LobbyForm form, LobbyContext lobby);
}
