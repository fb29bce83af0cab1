package dev.confab.bot;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.confab.meeting.CompositeMeetingListener;
import dev.confab.meeting.MeetingListener;
import dev.confab.media.CaptureDevice;
import dev.confab.media.MediaException;
import dev.confab.media.ScreenCaptureFactory;
import dev.confab.media.VideoFormat;
import dev.confab.media.effects.SegmenterSource;
import dev.confab.meeting.MeetingSession;
import dev.confab.meeting.call.MeetingCall;
import dev.confab.netem.Direction;
import dev.confab.netem.LinkEmulator;
import dev.confab.netem.LinkSpec;
import dev.confab.netem.LinkSpecException;
import dev.confab.meeting.history.MeetingHistoryRecorder;
import dev.confab.meeting.history.MeetingHistoryStore;
import dev.confab.privacy.PrivacySettingsStore;
import dev.confab.storage.AppPaths;
import dev.confab.meeting.SessionOptions;
import dev.confab.meeting.SessionState;
import dev.confab.protocol.HumanDuration;
import dev.confab.protocol.Reactions;
import dev.confab.meeting.poll.PollDraft;
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

    @Option(names = "--topic", paramLabel = "T", description = "With --new: the meeting's topic, shown to everyone and kept in their histories.")
    String topic;

    @Option(names = "--waiting-room", description = "With --new: people who join wait until admitted (see --admit).")
    boolean waitingRoom;

    @Option(names = "--admit", paramLabel = "all|NAME",
            description = "As host or co-host: let in everyone who waits (all), or those with display name NAME, as they arrive.")
    String admit;

    @Option(names = "--name", paramLabel = "N", defaultValue = "Confab bot", description = "Display name. Default: ${DEFAULT-VALUE}")
    String name;

    @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "30s", description = "How long to stay (500ms, 30s, 2m). Default: ${DEFAULT-VALUE}")
    String duration;

    @Option(names = "--chat", paramLabel = "TEXT", description = "Chat message to send to everyone after joining (repeatable).")
    List<String> chat = List.of();

    @Option(names = "--chat-to", arity = "2", paramLabel = "NAME TEXT",
            description = "Private chat message to the participant with display name NAME (repeatable).")
    List<String> chatTo = List.of();

    @Option(names = "--send-file", paramLabel = "PATH", description = "Send this file to everyone after joining, end-to-end encrypted (repeatable).")
    List<Path> sendFile = List.of();

    @Option(names = "--send-file-to", arity = "2", paramLabel = "NAME PATH",
            description = "Send a file privately to the participant with display name NAME (repeatable).")
    List<String> sendFileTo = List.of();

    @Option(names = "--share", paramLabel = "SOURCE", description = "Share after joining: 'testsrc' (synthetic screen, 1280x720, 5 fps), 'window:TITLE' (the window with that title, else the first whose title contains it; at most 1280x720, 5 fps), 'portal:monitor' or 'portal:window' (Wayland: chosen in the desktop's screen cast dialog) or 'whiteboard' (a blank board with one test stroke).")
    String share;

    @Option(names = "--share-sound", arity = "0..1", fallbackValue = "", paramLabel = "SERVER",
            description = "With --share: also share the computer's sound, mixed into the bot's --audio (which must not be 'none'): the default PulseAudio/PipeWire output's monitor, or that of the pulse server SERVER (e.g. unix:/run/user/1000/pulse/native).")
    String shareSound;

    @Option(names = "--x-display", paramLabel = "DISPLAY", description = "The X11 display whose windows --share window:TITLE looks among (default: $DISPLAY).")
    String xDisplay;
    /** What --share resolved to, before joining: a missing window is a usage error, not a failed visit. */
    private CaptureDevice shareSource;
    private ScreenCaptureFactory shareScreens;

    @Option(names = "--stats-json", paramLabel = "FILE", description = "Write stats (roster seen, messages received, errors) here on exit.")
    Path statsFile;

    @Option(names = "--audio", paramLabel = "sine|sine:HZ|FILE|none", defaultValue = "none",
            description = "Send the 440 Hz test tone (sine:HZ another one), a looped audio file, or nothing; received audio is always decoded. Default: ${DEFAULT-VALUE}")
    String audio;

    @Option(names = "--trust-fingerprint", paramLabel = "HEX", description = "Trust the server certificate with this SHA-256 fingerprint.")
    String trustFingerprint;

    @Option(names = "--video", paramLabel = "SOURCE", defaultValue = "none", description = "testsrc: send the synthetic camera and decode received video; none: decode only. Default: ${DEFAULT-VALUE}")
    String video;

    @Option(names = "--background", paramLabel = "blur|blur-strong|FILE",
            description = "Background effect on the bot's camera (needs --video testsrc): blur, blur-strong, or a picture file behind the person, as the desktop app does; the stats report its cost.")
    String background;

    /** Where the person segmenter comes from (tests hand in a stand-in). */
    SegmenterSource segmenters = SegmenterSource.installed();

    @Option(names = "--video-size", paramLabel = "WxH", defaultValue = "1280x720", description = "Best camera size (lowered for big meetings or congestion). Default: ${DEFAULT-VALUE}")
    String videoSize;

    @Option(names = "--fps", defaultValue = "30", description = "Camera frame rate. Default: ${DEFAULT-VALUE}")
    int fps;

    @Option(names = "--show", paramLabel = "N",
            description = "Show only the first N other participants' cameras (in join order, as 640x360 tiles): "
                    + "the server forwards no others (their sound still comes). Default: every camera.")
    Integer show;

    @Option(names = "--link", paramLabel = "SPEC",
            description = "Put the bot's connection behind the link emulator, e.g. \"down 600kbit for 20s after 15s; rtt 120ms\". "
                    + "Timed phases count from the bot's connection. With wss:// give --trust-fingerprint (the server is reached as 127.0.0.1).")
    String link;

    @Option(names = "--record", paramLabel = "FILE", description = "Record what the bot receives (a remote share, else the first remote camera, and the audio mix) into this MP4 file.")
    Path recordFile;

    @Option(names = "--raise-hand", description = "Raise the bot's hand after joining.")
    boolean raiseHand;

    @Option(names = "--react", paramLabel = "EMOJI", description = "Send this reaction after joining: one of 👍 👏 😂 😮 ❤️ 🎉.")
    String react;

    @Option(names = "--poll", paramLabel = "\"QUESTION|CHOICE A|CHOICE B\"",
            description = "Host or co-host: launch this single-choice poll after joining and end it after --poll-seconds.")
    String poll;

    @Option(names = "--poll-seconds", paramLabel = "S", defaultValue = "5",
            description = "How long the --poll stays open. Default: ${DEFAULT-VALUE}")
    int pollSeconds;

    @Option(names = "--vote", paramLabel = "N", description = "Vote for choice N (1-based) in every poll that opens.")
    Integer vote;

    /** The tile size {@code --show} reports: a 3×3 page on a 1080p screen. */
    static final int SHOWN_TILE_WIDTH = 640;
    static final int SHOWN_TILE_HEIGHT = 360;

    /** Counted down to end the stay early (an embedding program, e.g. a test, that is done with the bot). */
    private final java.util.concurrent.CountDownLatch leaveNow = new java.util.concurrent.CountDownLatch(1);

    /** Ends the stay now, as if {@code --duration} had passed: the bot leaves normally and reports. */
    public void leaveNow() {
        leaveNow.countDown();
    }

    @Override
    public Integer call() throws IOException, InterruptedException, MediaException {
        PrintWriter out = spec.commandLine().getOut();
        Duration stay = parseOptions();
        ServerTrust trust = trustFingerprint != null ? ServerTrust.pinned(trustFingerprint) : ServerTrust.systemOnly();
        BotStats stats = new BotStats(new BotAdmission(admit), new BotFiles(dataPaths().receivedFilesDir()));
        BotInteraction interaction = interaction(stats);
        long started = System.nanoTime();
        VideoFormat format = videoFormat();
        BotBackground effect;
        try {
            effect = BotBackground.open(spec.commandLine(), background, video, segmenters);
        } catch (MediaException e) {
            interaction.close();
            spec.commandLine().getErr().println("confab bot: background effects are not available on this computer: "
                    + e.getMessage());
            return 1;
        }
        LinkEmulator emulator = startLink(trust);
        try {
            return run(out, stay, trust, stats, started, format, emulator, interaction, effect);
        } finally {
            interaction.close();
            if (effect != null) {
                effect.close();
            }
            if (emulator != null) {
                emulator.close();
                out.printf("Link: passed up %d KiB, down %d KiB%n", emulator.bytesDelivered(Direction.UP) / 1024,
                        emulator.bytesDelivered(Direction.DOWN) / 1024);
                out.flush();
            }
        }
    }

    private int run(PrintWriter out, Duration stay, ServerTrust trust, BotStats stats, long started, VideoFormat format,
                    LinkEmulator emulator, BotInteraction interaction, BotBackground effect)
            throws IOException, InterruptedException, MediaException {
        SessionOptions options = SessionOptions.of(emulator == null ? server : emulator.routeThrough(server), name, trust);
        BotVideo.Report videoReport;
        List<BotTimeline.Second> timeline = List.of();
        // The call routes all media; closing it (first) closes the bot's video, audio and share.
        MeetingCall call = MeetingCall.open(options, withHistory(new CompositeMeetingListener(stats, interaction)));
        call.addListener(stats);
        if (show != null) {
            call.showFirstOthers(show, SHOWN_TILE_WIDTH, SHOWN_TILE_HEIGHT);
        }
        try (MeetingSession session = call.session(); MeetingCall ignored = call) {
            BotVideo botVideo = new BotVideo(video, format, call, effect);
            stats.share.attach(call);
            stats.admission.attach(session);
            if (createNew) {
                session.createMeeting(passcode, waitingRoom, false);
            } else {
                session.join(meetingId, passcode);
            }
            stats.awaitAnswer(options.connectTimeout().multipliedBy(2).plusSeconds(5));
            // Said also when a quick host let it in before the answer was looked at: it did wait.
            if (session.state() instanceof SessionState.Waiting || stats.admission.report().waited()) {
                out.println("Waiting to be admitted");
                out.flush();
            }
            if (session.state() instanceof SessionState.Waiting) {
                awaitAdmission(session, stats, stay); // no longer than it would have stayed
            }
            if (session.state() instanceof SessionState.InMeeting inMeeting) {
                out.println("Meeting ID: " + inMeeting.meetingId());
                out.println("Joined as participant " + session.roster().selfId());
                out.flush();
                if (createNew && topic != null) {
                    session.setTopic(topic);
                }
                startVideo(botVideo);
                BotTimeline seconds = new BotTimeline(call);
                if ("whiteboard".equals(share)) {
                    stats.share.startWhiteboard(() -> {
                        out.println("Whiteboard open with a test stroke");
                        out.flush();
                    });
                } else if (share != null) {
                    try {
                        stats.share.start(shareSource, shareScreens);
                        out.println(share.equals("testsrc") ? "Sharing the test screen" : "Sharing " + shareSource.displayName());
                        out.flush();
                    } catch (MediaException e) {
                        stats.error("--share: " + e.getMessage());
                    }
                }
                BotRecorder recorder = startRecorder(session, botVideo, stats);
                BotAudio botAudio = startAudio(call, recorder); // the call makes the video follow its sound
                stats.attachAudio(botAudio);
                if (shareSound != null) {
                    stats.share.startComputerSound(call, shareSound).ifPresent(stats::error);
                }
                sendChat(session, stats);
                stats.files.send(session, outgoingFiles()).forEach(stats::error);
                interaction.start(session);
                stats.awaitEnded(stay, leaveNow);
                stats.files.awaitSent(FILES_GRACE_MILLIS); // a file still on its way is worth staying for
                seconds.close();
                timeline = seconds.seconds();
                stats.detachAudio();
                botAudio.close();
                out.println(botAudio.report().summary());
                if (recorder != null) {
                    out.println(recorder.finish());
                }
            }
            session.leave();
            videoReport = botVideo.report();
        }
        long elapsed = Duration.ofNanos(System.nanoTime() - started).toMillis();
        BotStats.Report report = stats.report(elapsed, call.session().mediaEncryption(), videoReport, timeline,
                interaction.report());
        if (statsFile != null) {
            AtomicFiles.write(statsFile, JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build()
                    .writeValueAsBytes(report));
        }
        report.errors().forEach(e -> spec.commandLine().getErr().println("confab bot: " + e));
        boolean normal = report.joined() && "LEFT".equals(report.endReason()) && report.failureKind() == null;
        return normal ? 0 : 1;
    }

    /** Waits in the waiting room until admitted, turned away, {@code stay} has passed or {@link #leaveNow}. */
    private void awaitAdmission(MeetingSession session, BotStats stats, Duration stay) throws InterruptedException {
        long deadline = System.nanoTime() + stay.toNanos();
        while (session.state() instanceof SessionState.Waiting && System.nanoTime() < deadline
                && leaveNow.getCount() > 0) {
            stats.awaitJoinedOrEnded(Duration.ofMillis(20));
        }
    }

    /**
     * The emulator in front of the server when {@code --link} is given. TLS passes through it, so the bot still checks
     * the real server's certificate; only the host name it sees is the proxy's.
     */
    private LinkEmulator startLink(ServerTrust trust) throws IOException {
        if (link == null) {
            return null;
        }
        LinkSpec linkSpec;
        try {
            linkSpec = LinkSpec.parse(link);
        } catch (LinkSpecException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--link: " + e.getMessage());
        }
        if ("wss".equalsIgnoreCase(server.getScheme()) && trust.pinnedFingerprint() == null) {
            spec.commandLine().getErr().println("confab bot: --link reaches the server as 127.0.0.1; a certificate "
                    + "checked by host name will not match, give --trust-fingerprint");
        }
        LinkEmulator emulator = LinkEmulator.inFrontOf(server, linkSpec, LinkEmulator.ScheduleStart.FIRST_CONNECTION);
        PrintWriter out = spec.commandLine().getOut();
        out.println("Link emulator on port " + emulator.port() + ":");
        out.println(linkSpec.describe().indent(2).stripTrailing());
        out.flush();
        return emulator;
    }

    /** How long the bot stays past --duration for files it is still sending. */
    static final long FILES_GRACE_MILLIS = 60_000;

    private List<BotFiles.Outgoing> outgoingFiles() {
        List<BotFiles.Outgoing> files = new java.util.ArrayList<>();
        sendFile.forEach(path -> files.add(new BotFiles.Outgoing(path, null)));
        for (int i = 0; i + 1 < sendFileTo.size(); i += 2) {
            files.add(new BotFiles.Outgoing(Path.of(sendFileTo.get(i + 1)), sendFileTo.get(i)));
        }
        return files;
    }

    /** The bot's data folder: --data-dir, else where the desktop app keeps its data. */
    private AppPaths dataPaths() {
        return AppPaths.resolve(dataDirOption());
    }

    private Path dataDirOption() {
        var option = spec.root().findOption("--data-dir");
        return option == null ? null : option.getValue();
    }

    /** Given --data-dir, the bot keeps a meeting history there like the desktop app (unless switched off). */
    private MeetingListener withHistory(MeetingListener stats) {
        Path dataDir = dataDirOption();
        if (dataDir == null || !new PrivacySettingsStore(AppPaths.under(dataDir)).load().keepMeetingHistory()) {
            return stats;
        }
        return new CompositeMeetingListener(stats, new MeetingHistoryRecorder(
                MeetingHistoryStore.of(AppPaths.under(dataDir)), java.time.Clock.systemUTC()));
    }

    /** Chat is end-to-end encrypted by the session; outcomes land in the stats via its listener. */
    private void sendChat(MeetingSession session, BotStats stats) {
        chat.forEach(session::sendChat);
        for (int i = 0; i + 1 < chatTo.size(); i += 2) {
            String recipient = chatTo.get(i);
            List<Integer> ids = session.roster().participants().stream()
                    .filter(p -> p.displayName().equals(recipient) && p.id() != session.roster().selfId())
                    .map(dev.confab.meeting.Attendee::id).toList();
            if (ids.isEmpty()) {
                stats.error("chat-to: no participant named '" + recipient + "'");
            } else {
                session.sendChatTo(ids.subList(0, 1), chatTo.get(i + 1));
            }
        }
    }

    private void startVideo(BotVideo botVideo) {
        try {
            botVideo.startSending();
        } catch (MediaException e) {
            spec.commandLine().getErr().println("confab bot: video: " + e.getMessage());
        }
    }

    private VideoFormat videoFormat() {
        return BotOptions.videoFormat(spec.commandLine(), video, videoSize, fps);
    }

    private BotRecorder startRecorder(MeetingSession session, BotVideo botVideo, BotStats stats) {
        if (recordFile == null) {
            return null;
        }
        try {
            return BotRecorder.start(recordFile, session, botVideo.video().receiver(), stats.share);
        } catch (MediaException e) {
            session.leave();
            throw new CommandLine.ParameterException(spec.commandLine(), "--record: " + e.getMessage());
        }
    }

    private BotAudio startAudio(MeetingCall call, BotRecorder recorder) {
        try {
            return BotAudio.start(call, audio, recorder == null ? null : recorder.recorder());
        } catch (dev.confab.media.MediaException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--audio: " + e.getMessage());
        }
    }

    private BotInteraction interaction(BotStats stats) {
        if (react != null && !Reactions.allowed(react)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--react must be one of "
                    + String.join(" ", Reactions.ALLOWED) + ", not '" + react + "'");
        }
        if (pollSeconds < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--poll-seconds must be 1 or more");
        }
        if (vote != null && vote < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--vote must be 1 or more (choices count from 1)");
        }
        PollDraft draft = null;
        if (poll != null) {
            try {
                draft = PollDraft.parse(poll, false);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--poll " + e.getMessage());
            }
        }
        return new BotInteraction(raiseHand, react, draft, Duration.ofSeconds(pollSeconds), vote, stats::error);
    }

    private Duration parseOptions() {
        if (share != null && !share.equals("whiteboard")) {
            shareScreens = xDisplay != null ? ScreenCaptureFactory.forX11Display(xDisplay)
                    : share.equals("testsrc") ? ScreenCaptureFactory.syntheticOnly() : new ScreenCaptureFactory();
            try {
                shareSource = BotShare.source(share, shareScreens);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
        }
        if (shareSound != null && (share == null || "none".equals(audio))) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--share-sound needs --share and an --audio other than 'none' (the microphone paces the mix)");
        }
        if (show != null && show < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--show must be 0 or more");
        }
        if (createNew == (meetingId != null)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Give either --meeting ID or --new");
        }
        if (waitingRoom && !createNew) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--waiting-room needs --new");
        }
        if (admit != null && admit.isBlank()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--admit needs 'all' or a display name");
        }
        try {
            return HumanDuration.parse(duration);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
