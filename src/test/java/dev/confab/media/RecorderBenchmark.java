package dev.confab.media;

import com.sun.management.OperatingSystemMXBean;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What recording costs: the process's CPU time while 1280x720 pictures at 30 fps and the 48 kHz mix are fed
 * in real time, once into listeners that do nothing and once into a {@link MeetingRecorder}; the difference
 * is the recording's share, in cores. Arguments: SECONDS (default 20), CONTENT = camera (moving, grainy
 * pictures: the expensive case) or screen (a still picture, as in a shared slide).
 * <p>{@code java -cp target/classes:target/test-classes:$(cat cp.txt) dev.confab.media.RecorderBenchmark 20 camera}
 */
public final class RecorderBenchmark {
    private RecorderBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 20;
        boolean still = args.length > 1 && args[1].equals("screen");
        SyntheticMeetingFeed feed = new SyntheticMeetingFeed(1280, 720);
        Path dir = Files.createTempDirectory("recorder-benchmark");

        measure("warm-up", feed, still, dir.resolve("warmup.mp4"), 3);
        double idle = measure("feeding only", feed, still, null, seconds);
        double recording = measure("feeding + recording", feed, still, dir.resolve("benchmark.mp4"), seconds);
        System.out.printf("content=%s: recording costs %.2f extra cores at 1280x720 30 fps (%d cores available)%n",
                still ? "screen" : "camera", recording - idle, Runtime.getRuntime().availableProcessors());
        try (var files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(dir);
    }

    /** Returns the process's CPU use in cores while feeding for {@code seconds}; records when {@code file} is set. */
    private static double measure(String label, SyntheticMeetingFeed feed, boolean still, Path file,
                                  double seconds) throws Exception {
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        MeetingRecorder recorder = file == null ? null : MeetingRecorder.start(file, RecordingFormat.DEFAULT, Map.of(), e -> { });
        VideoFrameListener video = recorder == null ? (w, h, s, p, t) -> { } : recorder;
        AudioFrameListener audio = recorder == null ? (pcm, n, t) -> { } : recorder;
        if (still) {
            video = wrapStill(feed, video);
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

    /** Replaces every picture with the same still one (a shared slide). */
    private static VideoFrameListener wrapStill(SyntheticMeetingFeed feed, VideoFrameListener target) {
        ByteBuffer slide = feed.firstPicture();
        return (w, h, s, p, t) -> target.onFrame(w, h, s, slide, t);
    }
}
