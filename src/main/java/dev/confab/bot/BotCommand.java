package dev.confab.bot;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.confab.meeting.MeetingSession;
import dev.confab.meeting.SessionOptions;
import dev.confab.meeting.SessionState;
import dev.confab.protocol.HumanDuration;
import dev.confab.signaling.ServerTrust;
import dev.confab.storage.AtomicFiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code confab bot}: a headless participant for tests and demos. Joins (or creates) a meeting, optionally
 * chats, stays for {@code --duration}, leaves, and writes what it saw as JSON.
 * Exit code 0 when it joined and left normally, 1 when it could not join or was thrown out, 2 for usage errors.
 */
@Command(name = "bot",
        description = "Join a meeting headless (or create one with --new), optionally send chat, and write JSON stats on exit.")
public final class BotCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Option(names = "--server", required = true, paramLabel = "URL", description = "Server address, e.g. wss://host:47100")
    URI server;

    @Option(names = "--meeting", paramLabel = "ID", description = "Meeting ID to join.")
    String meetingId;

    @Option(names = "--new", description = "Create a new meeting (printing its ID) instead of joining one.")
    boolean createNew;

    @Option(names = "--passcode", paramLabel = "P", description = "Meeting passcode (with --new: the passcode to set).")
    String passcode;

    @Option(names = "--name", paramLabel = "N", defaultValue = "Confab bot", description = "Display name. Default: ${DEFAULT-VALUE}")
    String name;

    @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "30s", description = "How long to stay (500ms, 30s, 2m). Default: ${DEFAULT-VALUE}")
    String duration;

    @Option(names = "--chat", paramLabel = "TEXT", description = "Chat message to send to everyone after joining (repeatable).")
    List<String> chat = List.of();

    @Option(names = "--stats-json", paramLabel = "FILE", description = "Write stats (roster seen, messages received, errors) here on exit.")
    Path statsFile;

    @Option(names = "--audio", paramLabel = "sine|FILE|none", defaultValue = "none",
            description = "Send the 440 Hz test tone, a looped audio file, or nothing; received audio is always decoded. Default: ${DEFAULT-VALUE}")
    String audio;

    @Option(names = "--trust-fingerprint", paramLabel = "HEX", description = "Trust the server certificate with this SHA-256 fingerprint.")
    String trustFingerprint;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        Duration stay = parseOptions();
        ServerTrust trust = trustFingerprint != null ? ServerTrust.pinned(trustFingerprint) : ServerTrust.systemOnly();
        BotStats stats = new BotStats();
        long started = System.nanoTime();
        SessionOptions options = SessionOptions.of(server, name, trust);
        try (MeetingSession session = new MeetingSession(options, stats)) {
            if (createNew) {
                session.createMeeting(passcode);
            } else {
                session.join(meetingId, passcode);
            }
            stats.awaitJoinedOrEnded(options.connectTimeout().multipliedBy(2).plusSeconds(5));
            if (session.state() instanceof SessionState.InMeeting inMeeting) {
                out.println("Meeting ID: " + inMeeting.meetingId());
                out.println("Joined as participant " + session.roster().selfId());
                out.flush();
                BotAudio botAudio = startAudio(session);
                stats.attachAudio(botAudio);
                for (String text : chat) {
                    session.sendChat(text);
                    stats.chatSent();
                }
                stats.awaitEnded(stay);
                stats.detachAudio();
                botAudio.close();
                out.println(stats.report(0).audio().summary());
            }
            session.leave();
        }
        long elapsed = Duration.ofNanos(System.nanoTime() - started).toMillis();
        BotStats.Report report = stats.report(elapsed);
        if (statsFile != null) {
            AtomicFiles.write(statsFile, JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build()
                    .writeValueAsBytes(report));
        }
        report.errors().forEach(e -> spec.commandLine().getErr().println("confab bot: " + e));
        boolean normal = report.joined() && "LEFT".equals(report.endReason()) && report.failureKind() == null;
        return normal ? 0 : 1;
    }

    private BotAudio startAudio(MeetingSession session) {
        try {
            return BotAudio.start(session, audio);
        } catch (dev.confab.media.MediaException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--audio: " + e.getMessage());
        }
    }

    private Duration parseOptions() {
        if (createNew == (meetingId != null)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Give either --meeting ID or --new");
        }
        try {
            return HumanDuration.parse(duration);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
