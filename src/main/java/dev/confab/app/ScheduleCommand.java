package dev.confab.app;

import dev.confab.meeting.MeetingFailure;
import dev.confab.meeting.RecordingRule;
import dev.confab.meeting.ServerEndpoint;
import dev.confab.meeting.schedule.LocalSchedule;
import dev.confab.meeting.schedule.MeetingPlan;
import dev.confab.meeting.schedule.PlannedMeeting;
import dev.confab.meeting.schedule.ScheduleClient;
import dev.confab.meeting.schedule.ScheduleException;
import dev.confab.storage.AppPaths;
import dev.confab.storage.AtomicFiles;
import dev.confab.ui.lobby.Invitation;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code confab schedule}: schedules a meeting on a server and prints its ID, join link and invitation;
 * {@code --list} shows this computer's schedule, {@code --cancel ID} cancels one. The schedule (with the host
 * keys) is the same sealed file the desktop app's "Upcoming meetings" shows.
 */
@Command(name = "schedule", description = "Schedule a meeting on a server, list this computer's scheduled meetings, or cancel one.")
public final class ScheduleCommand implements Callable<Integer> {

    private static final DateTimeFormatter LISTED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Option(names = "--server", paramLabel = "URL", description = "The meeting server, e.g. wss://confab.example.org:47100.")
    URI server;

    @Option(names = "--title", paramLabel = "T", description = "What the meeting is about (1 to 64 characters).")
    String title;

    @Option(names = "--start", paramLabel = "DATE-TIME", description = "Local start time, e.g. 2026-12-10T09:30, in --time-zone.")
    String start;

    @Option(names = "--duration", paramLabel = "D", description = "Length: 45m, 1h, 1h30m (5 minutes to 24 hours).")
    String duration;

    @Option(names = "--time-zone", paramLabel = "ZONE", description = "IANA time zone of --start, e.g. Europe/Berlin. Default: this computer's.")
    String timeZone;

    @Option(names = "--passcode", paramLabel = "P", description = "Passcode invitees must enter (optional).")
    String passcode;

    @Option(names = "--waiting-room", description = "Invitees wait until the host admits them (where the server has a waiting room).")
    boolean waitingRoom;

    @Option(names = "--ics", paramLabel = "FILE", description = "Also write the calendar file (.ics); with --cancel, the cancellation.")
    Path ics;

    @Option(names = "--trust-fingerprint", paramLabel = "HEX", description = "SHA-256 fingerprint of the server's certificate, when the system does not trust it.")
    String trustFingerprint;

    @Option(names = "--language", paramLabel = "TAG", description = "Language of the invitation and the .ics: en or zh-CN. Default: this computer's.")
    String language;

    @Option(names = "--list", description = "List this computer's upcoming scheduled meetings.")
    boolean list;

    @Option(names = "--cancel", paramLabel = "ID", description = "Cancel one of this computer's scheduled meetings.")
    String cancel;

    private final Clock clock = Clock.systemUTC();

    /** What --language asks for, else this computer's language ({@link Invitation} falls back to English). */
    private Locale invitationLocale() {
        return language == null || language.isBlank() ? Locale.getDefault() : Locale.forLanguageTag(language);
    }

    @Override
    public Integer call() throws Exception {
        if (list && cancel != null) {
            throw usage("Give either --list or --cancel, not both");
        }
        LocalSchedule schedule = LocalSchedule.of(AppPaths.resolve(dataDirOption()));
        if (list) {
            return list(schedule);
        }
        if (cancel != null) {
            return cancel(schedule);
        }
        return schedule(schedule);
    }

    private int schedule(LocalSchedule schedule) throws IOException, InterruptedException {
        if (server == null || title == null || start == null || duration == null) {
            throw usage("Scheduling needs --server, --title, --start and --duration");
        }
        MeetingPlan plan = new MeetingPlan(title, startInstant(), length(), zone(), passcode, waitingRoom,
                RecordingRule.HOST_ONLY);
        PlannedMeeting meeting;
        try {
            meeting = ScheduleClient.withDefaultTimeout().schedule(new ServerEndpoint(server, trustFingerprint), plan);
        } catch (ScheduleException e) {
            return failed(e);
        }
        schedule.save(meeting);
        if (ics != null) {
            AtomicFiles.write(ics, Invitation.calendar(meeting, invitationLocale(), clock.instant()).getBytes(StandardCharsets.UTF_8));
        }
        PrintWriter out = out();
        out.println("Meeting ID: " + meeting.meetingId());
        out.println("Join link: " + Invitation.joinLink(meeting));
        out.println("Valid until: " + meeting.validUntil());
        out.println();
        out.print(Invitation.text(meeting, invitationLocale()));
        out.flush();
        return 0;
    }

    private int list(LocalSchedule schedule) throws IOException {
        List<PlannedMeeting> upcoming = schedule.upcoming(clock.instant());
        PrintWriter out = out();
        if (upcoming.isEmpty()) {
            out.println("No upcoming scheduled meetings.");
        }
        for (PlannedMeeting m : upcoming) {
            out.printf("%s  %s %s  %4d min  %s  %s%n", m.meetingId(), LISTED.format(m.startInItsZone()),
                    m.plan().zone().getId(), m.plan().duration().toMinutes(), m.plan().title(), m.server());
        }
        out.flush();
        return 0;
    }

    private int cancel(LocalSchedule schedule) throws IOException, InterruptedException {
        PlannedMeeting meeting = schedule.find(cancel);
        if (meeting == null) {
            err().println("This computer has not scheduled meeting " + cancel + " (see confab schedule --list).");
            err().flush();
            return 1;
        }
        try {
            ScheduleClient.withDefaultTimeout().cancel(meeting);
        } catch (ScheduleException e) {
            return failed(e);
        }
        schedule.remove(meeting.meetingId());
        if (ics != null) {
            AtomicFiles.write(ics, Invitation.cancellation(meeting, invitationLocale(), clock.instant())
                    .getBytes(StandardCharsets.UTF_8));
        }
        out().println("Cancelled meeting " + meeting.meetingId() + ".");
        out().flush();
        return 0;
    }

    private int failed(ScheduleException e) {
        MeetingFailure failure = e.failure();
        PrintWriter err = err();
        if (failure.kind() == MeetingFailure.Kind.CERTIFICATE_UNTRUSTED) {
            err.println("The server's certificate is not trusted. Its SHA-256 fingerprint is "
                    + failure.certificateFingerprint() + "; if the server's administrator confirms it, run again with "
                    + "--trust-fingerprint " + failure.certificateFingerprint());
        } else {
            String why = failure.refusal() != null ? failure.refusal().name() : failure.kind().name();
            err.println("Not done (" + why + "): " + failure.detail());
        }
        err.flush();
        return 1;
    }

    private java.time.Instant startInstant() {
        try {
            return LocalDateTime.parse(start).atZone(zone()).toInstant();
        } catch (DateTimeException e) {
            throw usage("--start must look like 2026-12-10T09:30, not '" + start + "'");
        }
    }

    private Duration length() {
        try {
            return Duration.parse("PT" + duration.trim().toUpperCase(Locale.ROOT));
        } catch (DateTimeException e) {
            throw usage("--duration must look like 45m, 1h or 1h30m, not '" + duration + "'");
        }
    }

    private ZoneId zone() {
        try {
            return timeZone == null ? ZoneId.systemDefault() : ZoneId.of(timeZone);
        } catch (DateTimeException e) {
            throw usage("--time-zone must be an IANA zone such as Europe/Berlin, not '" + timeZone + "'");
        }
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }

    private PrintWriter err() {
        return spec.commandLine().getErr();
    }

    private Path dataDirOption() {
        var option = spec.root().findOption("--data-dir");
        return option == null ? null : option.getValue();
    }
}
