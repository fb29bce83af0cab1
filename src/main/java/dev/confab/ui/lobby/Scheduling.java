package dev.confab.ui.lobby;

import dev.confab.meeting.ServerEndpoint;
import dev.confab.meeting.schedule.LocalSchedule;
import dev.confab.meeting.schedule.PlannedMeeting;
import dev.confab.meeting.schedule.ScheduleClient;

import javafx.stage.Window;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

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

    /**
     * Where to save a meeting's .ics ("Save to calendar…"): the system's save dialog in the app. FX thread.
     *
     * @return the chosen file, empty when the user cancelled
     */
    Optional<Path> chooseCalendarFile(Window owner, String title, String suggestedName);
}
