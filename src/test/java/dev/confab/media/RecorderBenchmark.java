package dev.confab.media;

import com.sun.management.OperatingSystemMXBean;
import org.bytedeco.ffmpeg.global.swscale;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * What recording costs: the process's CPU time while 1280x720 pictures at 30 fps and the 48 kHz mix are fed
 * in real time, once into listeners that do nothing and once into a {@link MeetingRecorder}; the difference
 * is the recording's share, in cores.
 * <p>Arguments: SECONDS (default 20), CONTENT and optional settings to compare with the default encoding.
 * CONTENT is {@code camera} (a moving picture with sensor-like noise, sent through the meeting's VP8 path and
 * decoded: what a recorder gets from a remote camera), {@code grain} (fresh random grain on every pixel of
 * every frame, which no real decoded video has: the pathological case) or {@code screen} (one still picture,
 * as in a shared slide). Settings: {@code bitrate=N}, {@code encoder=NAME}, {@code format=HYBRID_MP4|MATROSKA|...},
 * {@code sws=bilinear|fast_bilinear|point|bicubic|area}, {@code repeats=skip|encode} (how slots without a new
 * picture are written), {@code fps=N} (pictures per second fed), {@code keep=FOLDER}, and any other
 * {@code key=value} as an encoder option (e.g. {@code loopfilter=0}).
 * <p>{@code java -cp target/classes:target/test-classes:$(cat target/cp.txt) dev.confab.media.RecorderBenchmark 20 camera}
 */
public final class RecorderBenchmark {
    private RecorderBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 20;
        String content = args.length > 1 ? args[1] : "camera";
        Setup setup = Setup.parse(Arrays.asList(args).subList(Math.min(2, args.length), args.length));
        boolean still = content.equals("screen");
        SyntheticMeetingFeed feed = switch (content) {
            case "camera" -> new SyntheticMeetingFeed(1280, 720, DecodedCameraPictures.decode(60));
            case "grain", "screen" -> new SyntheticMeetingFeed(1280, 720);
            default -> throw new IllegalArgumentException("CONTENT is camera, grain or screen, not " + content);
        };
        Path dir = Files.createTempDirectory("recorder-benchmark");
        System.out.printf("content=%s, %s, %s, %d kbit/s, %s, sws flags %d, repeats %s, fed at %d fps%n", content,
                setup.format, setup.encoding.encoderName(), setup.encoding.bitrate() / 1000,
                new TreeMap<>(setup.encoding.options()), setup.encoding.scaleFlags(),
                setup.encoding.skipRepeats() ? "skipped" : "encoded", setup.fps);

        measure("warm-up", feed, still, setup, dir.resolve("warmup.mp4"), 3);
        double idle = measure("feeding only", feed, still, setup, null, seconds);
        double recording = measure("feeding + recording", feed, still, setup, dir.resolve("benchmark.mp4"), seconds);
        System.out.printf("content=%s: recording costs %.2f extra cores at 1280x720 30 fps (%d cores available)%n",
                content, recording - idle, Runtime.getRuntime().availableProcessors());
        if (setup.keepIn != null) {
            keep(feed, dir.resolve("benchmark.mp4"), setup.keepIn);
        }
        try (var files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(dir);
    }

    /** Returns the process's CPU use in cores while feeding for {@code seconds}; records when {@code file} is set. */
    private static double measure(String label, SyntheticMeetingFeed feed, boolean still, Setup setup, Path file,
                                  double seconds) throws Exception {
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        MeetingRecorder recorder = file == null ? null
                : MeetingRecorder.start(file, setup.format, setup.encoding, Map.of(), e -> { });
        VideoFrameListener video = recorder == null ? (w, h, s, p, t) -> { } : recorder;
        AudioFrameListener audio = recorder == null ? (pcm, n, t) -> { } : recorder;
        if (still) {
            video = wrapStill(feed, video);
        }
        if (setup.fps < SyntheticMeetingFeed.FPS) {
            video = everyNth(video, setup.fps);
        }
        CallerTime callerTime = new CallerTime(video);
        video = callerTime;
        long cpuBefore = os.getProcessCpuTime();
        long wallBefore = System.nanoTime();
        feed.feed(video, audio, seconds, Ffmpeg.nowMicros(), true);
        long encoderCpu = encoderThreadCpuNanos();
        MeetingRecorder.Summary summary = recorder == null ? null : recorder.stop().get(60, TimeUnit.SECONDS);
        double cores = (double) (os.getProcessCpuTime() - cpuBefore) / (System.nanoTime() - wallBefore);
        if (summary == null) {
            System.out.printf("%-20s %.2f cores%n", label, cores);
        } else {
            System.out.printf("%-20s %.2f cores, %d frames written, %d dropped, %.1f s recorded, %d KiB, "
                            + "encoder thread %.1f ms CPU per frame; onFrame on the caller's thread: mean %.2f ms, max %.2f ms%n",
                    label, cores, summary.framesWritten(), summary.framesDropped(), summary.duration().toMillis() / 1000.0,
                    Files.size(file) / 1024, encoderCpu / 1e6 / Math.max(1, summary.framesWritten()),
                    callerTime.meanMillis(), callerTime.maxMillis());
        }
        return cores;
    }

    /**
     * Keeps the recording and the pictures fed (raw BGRA, one cycle) in {@code folder}, so that the recording
     * can be compared with its input (the recording's first slot holds the first picture), e.g.
     * {@code ffmpeg -i recording.mp4 -stream_loop -1 -f rawvideo -pix_fmt bgra -s 1280x720 -r 30 -i source.bgra
     * -lavfi "[0:v]format=yuv420p[a];[1:v]format=yuv420p[b];[a][b]psnr=shortest=1" -f null -} (likewise
     * {@code ssim}). Only meaningful when no picture was dropped.
     */
    private static void keep(SyntheticMeetingFeed feed, Path recording, Path folder) throws Exception {
        Files.createDirectories(folder);
        Files.copy(recording, folder.resolve("recording.mp4"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        try (var out = Files.newByteChannel(folder.resolve("source.bgra"), java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.WRITE, java.nio.file.StandardOpenOption.TRUNCATE_EXISTING)) {
            for (ByteBuffer picture : feed.pictures()) {
                out.write(picture.duplicate().clear());
            }
        }
    }

    /** How long handing a picture to the recorder holds up the thread that delivers pictures (the live view's). */
    private static final class CallerTime implements VideoFrameListener {
        private final VideoFrameListener target;
        private long calls;
        private long totalNanos;
        private long maxNanos;

        CallerTime(VideoFrameListener target) {
            this.target = target;
        }

        @Override
        public void onFrame(int width, int height, int stride, ByteBuffer bgra, long captureTimeMicros) {
            long start = System.nanoTime();
            target.onFrame(width, height, stride, bgra, captureTimeMicros);
            long took = System.nanoTime() - start;
            calls++;
            totalNanos += took;
            maxNanos = Math.max(maxNanos, took);
        }

        double meanMillis() {
            return totalNanos / 1e6 / Math.max(1, calls);
        }

        double maxMillis() {
            return maxNanos / 1e6;
        }
    }

    /** CPU time of the recorder's own thread (conversion and both encoders run on it). */
    private static long encoderThreadCpuNanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals("recording-encoder"))
                .mapToLong(thread -> threads.getThreadCpuTime(thread.threadId()))
                .sum();
    }

    /** Passes on {@code fps} of every 30 pictures, as from a remote camera sending at a lower rate. */
    private static VideoFrameListener everyNth(VideoFrameListener target, int fps) {
        long[] seen = {0};
        return (w, h, s, p, t) -> {
            long index = seen[0]++;
            if (index * fps / SyntheticMeetingFeed.FPS != (index + 1) * fps / SyntheticMeetingFeed.FPS) {
                target.onFrame(w, h, s, p, t);
            }
        };
    }

    /** The encoding, container and input rate under test. */
    private record Setup(RecordingVideoEncoding encoding, RecordingFormat format, int fps, Path keepIn) {
        static Setup parse(List<String> settings) {
            RecordingFormat format = RecordingFormat.DEFAULT;
            int fps = SyntheticMeetingFeed.FPS;
            Path keepIn = null;
            List<String> encodingSettings = new ArrayList<>();
            for (String setting : settings) {
                String[] pair = setting.split("=", 2);
                switch (pair[0]) {
                    case "format" -> format = RecordingFormat.valueOf(pair[1]);
                    case "fps" -> fps = Integer.parseInt(pair[1]);
                    case "keep" -> keepIn = Path.of(pair[1]);
                    default -> encodingSettings.add(setting);
                }
            }
            return new Setup(encodingOf(encodingSettings), format, fps, keepIn);
        }
    }

    /** The default encoding changed by {@code key=value} settings (see the class comment). */
    static RecordingVideoEncoding encodingOf(List<String> settings) {
        RecordingVideoEncoding encoding = RecordingVideoEncoding.DEFAULT;
        for (String setting : settings) {
            String[] pair = setting.split("=", 2);
            if (pair.length != 2) {
                throw new IllegalArgumentException("settings are key=value, not " + setting);
            }
            encoding = switch (pair[0]) {
                case "bitrate" -> encoding.withBitrate(Integer.parseInt(pair[1]));
                case "encoder" -> encoding.withEncoder(pair[1], Map.of());
                case "sws" -> encoding.withScaleFlags(switch (pair[1]) {
                    case "bilinear" -> swscale.SWS_BILINEAR;
                    case "fast_bilinear" -> swscale.SWS_FAST_BILINEAR;
                    case "point" -> swscale.SWS_POINT;
                    case "bicubic" -> swscale.SWS_BICUBIC;
                    case "area" -> swscale.SWS_AREA;
                    default -> throw new IllegalArgumentException("unknown sws " + pair[1]);
                });
                case "repeats" -> encoding.withSkipRepeats(switch (pair[1]) {
                    case "skip" -> true;
                    case "encode" -> false;
                    default -> throw new IllegalArgumentException("repeats is skip or encode, not " + pair[1]);
                });
                default -> encoding.withOption(pair[0], pair[1]);
            };
        }
        return encoding;
    }

    /** Replaces every picture with the same still one (a shared slide). */
    private static VideoFrameListener wrapStill(SyntheticMeetingFeed feed, VideoFrameListener target) {
        ByteBuffer slide = feed.firstPicture();
        return (w, h, s, p, t) -> target.onFrame(w, h, s, slide, t);
    }
}
