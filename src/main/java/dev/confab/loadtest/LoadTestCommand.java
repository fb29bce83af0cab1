package dev.confab.loadtest;

import dev.confab.meeting.e2ee.MediaEncryption;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.confab.bot.BotOptions;
import dev.confab.media.MediaException;
import dev.confab.media.VideoFormat;
import dev.confab.meeting.SessionOptions;
import dev.confab.meeting.SessionState;
import dev.confab.meeting.audio.RemoteAudioStats;
import dev.confab.meeting.video.LatencyHistogram;
import dev.confab.meeting.video.LipSyncStats;
import dev.confab.meeting.video.StreamStats;
import dev.confab.meeting.video.VideoQualityPolicy;
import dev.confab.netem.LinkEmulator;
import dev.confab.netem.LinkSpec;
import dev.confab.netem.LinkSpecException;
import dev.confab.protocol.HumanDuration;
import dev.confab.server.MeetingServer;
import dev.confab.server.ServerConfig;
import dev.confab.signaling.ServerTrust;
import dev.confab.storage.AtomicFiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * {@code confab loadtest}: a meeting server and N participants in this process, all sending video, then a
 * table of what the receivers saw (latency percentiles, received fps, lost frames) and what it cost (server
 * relay CPU, process CPU, RSS). Up to 4 participants encode and decode live (glass-to-glass latency); more
 * replay a pre-encoded loop and only count what arrives, so the figures measure the relay.
 */
@Command(name = "loadtest", description = "Start a server plus N video participants in this process and print latency, fps, drops, CPU and memory.")
public final class LoadTestCommand implements Callable<Integer> {

    /** One row of the table (and of --json). Latencies in ms; "relay" = capture/send → arrival at the receiver. */
    public record Row(String receivers, int streams, double latencyP50, double latencyP95, double latencyP99,
                      double relayP50, double relayP95, double relayP99, double receivedFps, long lostFrames,
                      long droppedFrames, long decodeErrors, long framesDecoded) {
    }

    /**
     * The audio figures (with --audio) over every unthrottled receiver. Mouth-to-ear = sender's capture stamp
     * → the moment the frame will have been played; concealed = frames synthesised by Opus PLC / frames played.
     * {@code lipSyncOffsetP95Millis}: |picture − sound| when shown, live video only (NaN in replay mode).
     * {@code lengthenedMillis}, {@code shortenedMillis}: sound the jitter buffers added and removed by time-stretching
     * (not concealment: every sample of it was received).
     */
    public record AudioFigures(int streams, long framesHeard, double mouthToEarP50Millis, double mouthToEarP95Millis,
                               long framesConcealed, double concealedPercent, long packetsLost, double maxJitterMillis,
                               double lipSyncOffsetP95Millis, long picturesOutOfSync, long lengthenedMillis,
                               long shortenedMillis) {
    }

    /**
     * The --json document; {@code audio} is null without --audio. With --link: {@code link} is the spec,
     * {@code linkAudio} the audio figures of the participants behind it (null without --audio), {@code linkTimeline}
     * what they saw interval by interval, {@code linkWhileChanged} their sound over the intervals the link was changed
     * in, {@code linkConnections} the connections they made through it (more than
     * one each: they lost the connection and reconnected); null without --link. {@code show}: --show, null without.
     * {@code meetingsPerServer}: how many meetings run on each server (with --servers, where a cluster put them).
     */
    public record Report(int participants, String videoSize, int fps, String mode, boolean tls, double seconds,
                         List<Row> rows, double egressMbps, int forwardedStreams, double relayCpuCores,
                         double processCpuCores, int cores, double egressMbpsPerRelayCore, long rssMiB,
                         long peakRssMiB, String fullClientSize, double fullClientMediaCores, AudioFigures audio,
                         String link, AudioFigures linkAudio, List<LinkTimeline.Sample> linkTimeline,
                         LinkTimeline.WhileChanged linkWhileChanged, Integer linkConnections, Integer show,
                         MediaEncryption.Figures e2ee, java.util.Map<String, Integer> meetingsPerServer,
                         double settleSeconds) {
    }

    /** Issue #5's targets, printed beside the figures. */
    static final double MOUTH_TO_EAR_P95_TARGET_MILLIS = 100;
    static final double CONCEALED_TARGET_PERCENT = 1;

    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Option(names = "--participants", paramLabel = "N", defaultValue = "2", description = "Participants, 2..100. Default: ${DEFAULT-VALUE}")
    int participants;

    @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "10s", description = "Measured time (5s, 1m). Default: ${DEFAULT-VALUE}")
    String duration;

    @Option(names = "--video-size", paramLabel = "WxH", description = "Camera size. Default: 1280x720 live, 640x360 replay.")
    String videoSize;

    @Option(names = "--fps", defaultValue = "30", description = "Frame rate. Default: ${DEFAULT-VALUE}")
    int fps;

    @Option(names = "--replay", paramLabel = "auto|always|never", defaultValue = "auto",
            description = "Replay pre-encoded frames instead of encoding/decoding live. auto = when N > 4. Default: ${DEFAULT-VALUE}")
    String replay;

    @Option(names = "--plain", description = "Plain ws:// on loopback instead of TLS.")
    boolean plain;

    @Option(names = "--throttle-one", description = "Make the last participant read slowly (a receiver on a bad link).")
    boolean throttleOne;

    @Option(names = "--full-client", paramLabel = "WxH",
            description = "In replay mode, make participant 1 a full client: live camera at this size, decoding every stream (e.g. the 9-tile case).")
    String fullClientSize;

    @Option(names = "--show", paramLabel = "N",
            description = "Every participant shows a page of N cameras (the first N others in join order, tiles of "
                    + "the video size): the server forwards only those, sound from everyone. Default: every camera.")
    Integer show;

    @Option(names = "--audio", description = "Every participant also sends the 440 Hz test tone and hears everyone (mouth-to-ear latency, concealment, lip sync).")
    boolean audio;

    @Option(names = "--link", paramLabel = "SPEC",
            description = "Put the last participant's connection behind the link emulator, e.g. "
                    + "\"down 600kbit for 20s after 10s; rtt 120ms\". Timed phases count from the start of the measured interval.")
    String link;

    @Option(names = "--link-all", description = "With --link: every participant behind a link of its own (same spec and timeline).")
    boolean linkAll;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the results as JSON.")
    Path jsonFile;

    @Option(names = "--servers", paramLabel = "URL[,URL...]", split = ",",
            description = "Load running servers instead of starting one in this process, e.g. the nodes of a cluster "
                    + "(ws://127.0.0.1:47101,ws://127.0.0.1:47102,ws://127.0.0.1:47103): participants enter through "
                    + "them in turn and a cluster redirects them to their meeting's node. wss:// must be trusted by the "
                    + "system; their CPU is not measured here (relay cores n/a). Not with --link.")
    List<java.net.URI> servers;

    @Option(names = "--meetings", paramLabel = "M", defaultValue = "1",
            description = "Split the participants into M meetings (at least 2 people each); a cluster places each "
                    + "on its least-loaded node. Default: ${DEFAULT-VALUE}")
    int meetings;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Duration measured = parse();
        LinkSpec linkSpec = parseLink();
        boolean replayMode = "always".equals(replay) || ("auto".equals(replay) && participants > 4);
        VideoFormat format = BotOptions.parseSize(spec.commandLine(),
                videoSize != null ? videoSize : replayMode ? "640x360" : "1280x720", fps);
        Path dataDir = Files.createTempDirectory("confab-loadtest");
        // Every participant connects from 127.0.0.1: the per-address connection limit must cover them all
        // (plus room for reconnects), which a real server's default would not. Only one meeting is created and
        // nobody guesses a passcode, so the per-address meeting and passcode limits need no raising.
        MeetingServer server = servers != null ? null
                : new MeetingServer(new ServerConfig().bindAddress("127.0.0.1").port(0).plain(plain)
                .dataDir(dataDir).maxParticipantsPerMeeting(Math.max(participants, 2))
                .maxConnectionsPerAddress(2 * participants + 10));
        List<LoadParticipant> everyone = new ArrayList<>();
        List<LoadParticipant> linked = new ArrayList<>();
        LinkEmulator emulator = null;
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("loadtest-replay").factory());
        try {
            if (server != null) {
                server.start();
            }
            LoadTargets targets = new LoadTargets(server != null ? List.of(server.url()) : servers, meetings);
            PreEncodedLoop loop = null;
            if (replayMode) {
                out.printf("Pre-encoding %d frames of %dx%d...%n", format.fps() * 2, format.width(), format.height());
                out.flush();
                loop = PreEncodedLoop.encode(format, new VideoQualityPolicy(format).best().bitrateBitsPerSecond(),
                        format.fps() * 2);
            }
            ServerTrust trust = plain || server == null ? ServerTrust.systemOnly() : ServerTrust.pinned(server.fingerprint());
            VideoFormat fullClient = fullClientSize == null ? null
                    : BotOptions.parseSize(spec.commandLine(), fullClientSize, fps);
            if (linkSpec != null) {
                emulator = LinkEmulator.inFrontOf(server.url(), linkSpec, LinkEmulator.ScheduleStart.ON_REQUEST);
                out.printf("Link emulator in front of %s (port %d):%n%s%n", linkAll ? "every participant"
                        : "participant " + participants, emulator.port(), linkSpec.describe().indent(2).stripTrailing());
            }
            join(targets, trust, format, loop, fullClient, everyone, emulator, linked);
            out.printf("%d participants in %d meeting(s) on %s (%s, %s); measuring %s...%n", participants, meetings,
                    targets.describe(), replayMode ? "replayed frames" : "live encode/decode", tls(targets) ? "TLS" : "plain",
                    duration);
            out.flush();
            for (int i = 0; i < everyone.size(); i++) {
                everyone.get(i).startSending(timer, i * 1_000_000L / format.fps() / everyone.size());
            }
            // Warm-up (camera start, JIT, first keyframes): frame counts start after it; replay receivers also
            // ignore its latencies, live decoders keep them (they must see every frame).
            Thread.sleep(2000);
            double settledSeconds = settle(everyone);
            everyone.forEach(LoadParticipant::startMeasuring);
            LinkTimeline timeline = emulator == null ? null : new LinkTimeline(emulator, linked);
            ProcessMetrics.Sample start = ProcessMetrics.sample();
            long rssMax = 0;
            long measuringFrom = System.nanoTime();
            long deadline = measuringFrom + measured.toNanos();
            long sampleEvery = Math.max(TimeUnit.SECONDS.toNanos(1), measured.toNanos() / 20);
            long nextSample = measuringFrom + sampleEvery;
            if (timeline != null) {
                emulator.startSchedule();
                timeline.start(measuringFrom);
            }
            while (System.nanoTime() < deadline) {
                long until = timeline == null ? deadline : Math.min(deadline, nextSample);
                Thread.sleep(Math.min(500, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
                rssMax = Math.max(rssMax, ProcessMetrics.residentMebibytes(false));
                if (timeline != null && System.nanoTime() >= nextSample) {
                    timeline.sample(System.nanoTime());
                    nextSample += sampleEvery;
                }
            }
            ProcessMetrics.Sample end = ProcessMetrics.sample();
            everyone.forEach(LoadParticipant::stopSending);
            Report report = report(everyone, linked, timeline, emulator, format, replayMode, start, end, rssMax,
                    targets, server == null, settledSeconds);
            printTable(out, report);
            if (jsonFile != null) {
                AtomicFiles.write(jsonFile, JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build()
                        .writeValueAsBytes(report));
            }
            return 0;
        } finally {
            timer.shutdownNow();
            everyone.forEach(LoadParticipant::close);
            if (emulator != null) {
                emulator.close();
            }
            if (server != null) {
                server.stop();
            }
            AtomicFiles.deleteRecursively(dataDir);
        }
    }

    private boolean tls(LoadTargets targets) {
        return servers == null ? !plain : targets.servers().stream().allMatch(u -> "wss".equals(u.getScheme()));
    }

    private void join(LoadTargets targets, ServerTrust trust, VideoFormat format, PreEncodedLoop loop,
                      VideoFormat fullClient, List<LoadParticipant> everyone, LinkEmulator emulator,
                      List<LoadParticipant> linked)
            throws InterruptedException, IOException, MediaException {
        for (int i = 0; i < participants; i++) {
            long throttle = throttleOne && i == participants - 1 ? TimeUnit.MILLISECONDS.toNanos(20) : 0;
            boolean full = i == 0 && fullClient != null;
            // The proxy passes TLS through, so the pinned fingerprint still checks the real server's certificate.
            boolean behindLink = emulator != null && (linkAll || i == participants - 1);
            java.net.URI door = targets.frontDoor(i);
            var participant = new LoadParticipant(SessionOptions.of(
                    behindLink ? emulator.routeThrough(door) : door, "load-" + (i + 1), trust),
                    full ? fullClient : format, full ? null : loop, throttle, show);
            everyone.add(participant);
            if (behindLink) {
                linked.add(participant);
            }
            if (targets.creates(i)) {
                participant.session().createMeeting(null);
            } else {
                String id = ((SessionState.InMeeting) everyone.get(targets.meetingOf(i)).session().state()).meetingId();
                participant.session().join(id, null);
            }
            awaitUntil(participant::inMeeting, "participant " + (i + 1) + " to join");
            if (audio) {
                participant.startAudio();
            }
        }
        awaitUntil(() -> IntStream.range(0, everyone.size()).allMatch(i -> everyone.get(i).participantCount()
                == targets.sizeOf(targets.meetingOf(i), participants)), "everyone to see everyone in their meeting");
    }

    private static void awaitUntil(java.util.function.BooleanSupplier condition, String what)
            throws InterruptedException, IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IOException("Timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    /** The longest {@link #settle} waits before measuring anyway. */
    static final Duration MAX_SETTLE = Duration.ofSeconds(20);
    /**
     * How long no camera must have been paused: the start-up storm has come as late as 3.2 s after the senders
     * started, after a 1-s calm (docs/performance.md).
     */
    static final Duration SETTLE_CALM = Duration.ofSeconds(3);

    /**
     * Waits, after the warm-up, until no receiver has had a camera paused for {@link #SETTLE_CALM}, at most
     * {@link #MAX_SETTLE}; returns how long that took, s. Fifty senders starting at once in one process with its JIT
     * still cold are a storm no real meeting sees: the first estimates it causes pause cameras, which come back only
     * as probes prove the link (docs/performance.md, "The 50-person replay: a false congestion and its cost").
     * The figures are of the meeting that follows; the wait is printed beside them.
     */
    private static double settle(List<LoadParticipant> everyone) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + MAX_SETTLE.toNanos();
        long calmSince = start;
        while (System.nanoTime() < deadline) {
            if (everyone.stream().anyMatch(p -> p.pausedCameras() > 0)) {
                calmSince = System.nanoTime();
            } else if (System.nanoTime() - calmSince >= SETTLE_CALM.toNanos()) {
                break;
            }
            Thread.sleep(50);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private Report report(List<LoadParticipant> everyone, List<LoadParticipant> linked, LinkTimeline timeline,
                          LinkEmulator emulator, VideoFormat format, boolean replayMode,
                          ProcessMetrics.Sample start, ProcessMetrics.Sample end, long rssMax,
                          LoadTargets targets, boolean external, double settleSeconds) {
        double seconds = (end.wallNanos() - start.wallNanos()) / 1e9;
        List<Row> rows = new ArrayList<>();
        boolean fullClient = replayMode && fullClientSize != null;
        if (fullClient) {
            rows.add(row("client 1", List.of(everyone.getFirst()), seconds));
        }
        List<LoadParticipant> others = everyone.stream().filter(p -> !p.throttled() && !linked.contains(p)).toList();
        rows.add(row("others", others.stream().filter(p -> !(fullClient && p.live())).toList(), seconds));
        if (throttleOne) {
            rows.add(row("throttled", everyone.stream().filter(LoadParticipant::throttled).toList(), seconds));
        }
        if (!linked.isEmpty()) {
            rows.add(row("link", linked, seconds));
        }
        long egressBytes = everyone.stream()
                .mapToLong(p -> measured(p.receiver().cameraStats(), p.baseline()).bytesReceived()).sum();
        double relayCores = external ? Double.NaN // the relay runs in other processes
                : ProcessMetrics.cores(start.relayCpuNanos(), end.relayCpuNanos(), start, end);
        double processCores = ProcessMetrics.cores(start.processCpuNanos(), end.processCpuNanos(), start, end);
        double egressMbps = egressBytes * 8 / seconds / 1e6;
        return new Report(participants, format.width() + "x" + format.height(), format.fps(),
                replayMode ? "replay" : "live", tls(targets), seconds, rows, egressMbps,
                targets.forwardedStreams(participants, show),
                relayCores, processCores, Runtime.getRuntime().availableProcessors(),
                relayCores > 0 ? egressMbps / relayCores : Double.NaN, rssMax,
                ProcessMetrics.residentMebibytes(true), fullClient ? fullClientSize : null,
                fullClient ? ProcessMetrics.cores(start.clientMediaCpuNanos(), end.clientMediaCpuNanos(), start, end)
                        : Double.NaN,
                audio && !others.isEmpty() ? audioFigures(others) : null, link,
                audio && !linked.isEmpty() ? audioFigures(linked) : null,
                timeline == null ? null : timeline.samples(), timeline == null ? null : timeline.whileChanged(),
                emulator == null ? null : emulator.connectionsAccepted(), show, e2ee(everyone),
                meetingsPerServer(everyone, targets), settleSeconds);
    }

    /** Everything a participant's cameras ({@code now}, by sender) counted since {@code atStart}. */
    private static MeasuredCounts measured(Map<Integer, StreamStats> now, Map<Integer, StreamStats> atStart) {
        MeasuredCounts sum = MeasuredCounts.NONE;
        for (var entry : now.entrySet()) {
            sum = sum.plus(MeasuredCounts.between(atStart.get(entry.getKey()), entry.getValue()));
        }
        return sum;
    }

    /** Where each meeting ended up (its creator's server after any redirect): address to meetings. */
    private static java.util.Map<String, Integer> meetingsPerServer(List<LoadParticipant> everyone, LoadTargets targets) {
        java.util.Map<String, Integer> counts = new java.util.TreeMap<>();
        targets.servers().forEach(url -> counts.put(url.toString(), 0));
        for (int i = 0; i < targets.meetings() && i < everyone.size(); i++) {
            counts.merge(everyone.get(i).session().currentServer().toString(), 1, Integer::sum);
        }
        return counts;
    }

    /** Every participant's end-to-end decryption counts, added up (all media is encrypted: there is no other mode). */
    private static MediaEncryption.Figures e2ee(List<LoadParticipant> everyone) {
        long decrypted = 0;
        long failed = 0;
        long withoutKey = 0;
        for (LoadParticipant p : everyone) {
            MediaEncryption.Figures f = p.session().mediaEncryption();
            decrypted += f.decrypted();
            failed += f.failed();
            withoutKey += f.withoutKey();
        }
        return new MediaEncryption.Figures(decrypted, failed, withoutKey);
    }

    private static AudioFigures audioFigures(List<LoadParticipant> receivers) {
        var mouthToEar = new dev.confab.meeting.audio.LatencyRecorder();
        var lipSync = new LatencyHistogram();
        int streams = 0;
        long played = 0;
        long concealed = 0;
        long lost = 0;
        long outOfSync = 0;
        long lengthened = 0;
        long shortened = 0;
        double maxJitter = 0;
        for (LoadParticipant p : receivers) {
            mouthToEar.addAll(p.audio().receiver().combinedLatency());
            if (p.live()) {
                p.receiver().addLipSyncOffsetsTo(lipSync);
            }
            for (RemoteAudioStats s : p.audio().receiver().stats().values()) {
                streams++;
                played += s.played();
                concealed += s.concealed();
                lost += s.lost();
                lengthened += s.lengthenedMillis();
                shortened += s.shortenedMillis();
                maxJitter = Math.max(maxJitter, s.jitterMillis());
                LipSyncStats sync = p.receiver().lipSync(s.participantId());
                if (sync != null) {
                    outOfSync += sync.framesOutOfSync();
                }
            }
        }
        return new AudioFigures(streams, played, mouthToEar.percentileMillis(0.5), mouthToEar.percentileMillis(0.95),
                concealed, 100.0 * concealed / Math.max(1, played + concealed), lost, maxJitter,
                lipSync.percentileMillis(95), outOfSync, lengthened, shortened);
    }

    private static Row row(String name, List<LoadParticipant> receivers, double seconds) {
        var decoded = new LatencyHistogram();
        var arrivals = new LatencyHistogram();
        MeasuredCounts counts = MeasuredCounts.NONE;
        int streams = 0;
        for (LoadParticipant p : receivers) {
            p.receiver().addLatenciesTo(arrivals, decoded);
            var cameras = p.receiver().cameraStats();
            // A camera shown but never received counts as a stream at 0 fps, not as one stream fewer.
            streams += Math.max(p.shownCameras(), cameras.size());
            counts = counts.plus(measured(cameras, p.baseline()));
        }
        long shown = counts.framesDecoded() > 0 ? counts.framesDecoded() : counts.framesReceived();
        double fps = streams == 0 ? 0 : shown / seconds / streams;
        return new Row(name, streams, decoded.percentileMillis(50), decoded.percentileMillis(95),
                decoded.percentileMillis(99), arrivals.percentileMillis(50), arrivals.percentileMillis(95),
                arrivals.percentileMillis(99), fps, counts.framesLost(), counts.framesDropped(), counts.decodeErrors(),
                counts.framesDecoded());
    }

    private static void printTable(PrintWriter out, Report r) {
        out.printf(Locale.ROOT, "%nConfab load test: %d participants, %s@%d, %s, %s, %.1f s measured, %s%n",
                r.participants(), r.videoSize(), r.fps(), r.mode(), r.tls() ? "TLS" : "plain", r.seconds(),
                r.show() == null ? "every camera shown" : "each showing " + r.show() + " cameras");
        out.printf(Locale.ROOT, "%-10s %7s %9s %9s %9s %9s %9s %9s %8s %7s %7s %7s%n", "receivers", "streams",
                "g2g p50", "g2g p95", "g2g p99", "relay p50", "relay p95", "relay p99", "fps/strm", "lost",
                "dropped", "dec.err");
        for (Row row : r.rows()) {
            out.printf(Locale.ROOT, "%-10s %7d %9s %9s %9s %9s %9s %9s %8.1f %7d %7d %7d%n", row.receivers(),
                    row.streams(), ms(row.latencyP50()), ms(row.latencyP95()), ms(row.latencyP99()), ms(row.relayP50()),
                    ms(row.relayP95()), ms(row.relayP99()), row.receivedFps(), row.lostFrames(), row.droppedFrames(),
                    row.decodeErrors());
        }
        out.printf(Locale.ROOT, "measured from %.1f s after the 2-s warm-up (when no receiver had had a camera paused "
                + "for %d s; at most %d s)%n", r.settleSeconds(), SETTLE_CALM.toSeconds(), MAX_SETTLE.toSeconds());
        out.printf(Locale.ROOT, "forwarded streams %d, server egress %.1f Mbit/s, relay threads %.2f cores "
                        + "(%.1f Mbit/s per relay core), whole process %.2f of %d cores, RSS %d MiB (peak %d MiB)%n",
                r.forwardedStreams(), r.egressMbps(), r.relayCpuCores(), r.egressMbpsPerRelayCore(),
                r.processCpuCores(), r.cores(), r.rssMiB(), r.peakRssMiB());
        if (r.meetingsPerServer().size() > 1) {
            out.printf(Locale.ROOT, "meetings per server: %s%n", r.meetingsPerServer());
        }
        printAudio(out, "audio", r.audio());
        out.printf(Locale.ROOT, "end-to-end encryption (SFrame, every frame): %d frames decrypted, %d failed to "
                        + "authenticate, %d without a key (sent before the receiver had it)%n",
                r.e2ee().decrypted(), r.e2ee().failed(), r.e2ee().withoutKey());
        if (r.link() != null) {
            out.printf(Locale.ROOT, "link: %s; %d connections through it (one per participant behind it; more: reconnects)%n",
                    r.link(), r.linkConnections());
            printAudio(out, "audio behind the link", r.linkAudio());
            LinkTimeline.print(out, r.linkTimeline(), r.linkWhileChanged(), r.linkAudio() != null);
        }
        if (r.fullClientSize() != null) {
            out.printf(Locale.ROOT, "client 1 (camera %s, decoding %d streams): capture+encode+decode threads %.2f cores%n",
                    r.fullClientSize(), r.participants() - 1, r.fullClientMediaCores());
        }
        out.println("g2g = capture -> decoded picture (live mode only); relay = capture/send -> arrival at the receiver "
                + "(in replay mode the timestamp is taken at send, so this is the client->server->client path). Times in ms.");
        out.flush();
    }

    private static void printAudio(PrintWriter out, String label, AudioFigures a) {
        if (a != null) {
            out.printf(Locale.ROOT, label + ": %d streams, %d frames heard, mouth-to-ear p50 %s p95 %s ms (target p95 <= %.0f ms on 1:1), "
                            + "concealed %d (%.2f %%, target <= %.0f %%), lost %d, max jitter %.1f ms, "
                            + "time-stretched +%d / -%d ms%n", a.streams(),
                    a.framesHeard(), ms(a.mouthToEarP50Millis()), ms(a.mouthToEarP95Millis()),
                    MOUTH_TO_EAR_P95_TARGET_MILLIS, a.framesConcealed(), a.concealedPercent(), CONCEALED_TARGET_PERCENT,
                    a.packetsLost(), a.maxJitterMillis(), a.lengthenedMillis(), a.shortenedMillis());
            if (!Double.isNaN(a.lipSyncOffsetP95Millis())) {
                out.printf(Locale.ROOT, "lip sync" + label.substring("audio".length()) + ": |picture - sound| p95 %s ms (target <= 45 ms), %d pictures out of sync%n",
                        ms(a.lipSyncOffsetP95Millis()), a.picturesOutOfSync());
            }
        }
    }

    private static String ms(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.1f", value);
    }

    private LinkSpec parseLink() {
        if (link == null) {
            if (linkAll) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--link-all needs --link SPEC");
            }
            return null;
        }
        try {
            return LinkSpec.parse(link);
        } catch (LinkSpecException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--link: " + e.getMessage());
        }
    }

    private Duration parse() {
        if (participants < 2 || participants > 100) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--participants must be 2..100");
        }
        if (show != null && show < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--show must be 0 or more");
        }
        if (meetings < 1 || meetings > participants / 2) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--meetings must be 1.." + participants / 2
                    + " (at least 2 participants each)");
        }
        if (servers != null && (servers.isEmpty() || link != null || servers.stream().anyMatch(u -> u.getHost() == null
                || !("ws".equals(u.getScheme()) || "wss".equals(u.getScheme()))))) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--servers takes ws:// or wss:// addresses "
                    + "(HOST:PORT), comma-separated, and does not go with --link");
        }
        if (!List.of("auto", "always", "never").contains(replay)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--replay must be auto, always or never");
        }
        try {
            return HumanDuration.parse(duration);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
