package dev.confab.media;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Per-frame CPU of the recording's video work (BGRA → YUV conversion and encoding, {@link RecordingVideoTrack}
 * into a real MP4 muxer) for several encodings side by side, in one JVM, on this thread, without real-time
 * pacing. The encodings take turns, round after round, so that a busy machine affects them alike; the result is
 * the median over rounds of thread CPU milliseconds per output frame. This isolates the encoder levers;
 * {@link RecorderBenchmark} measures what the whole recording costs in real time.
 * <p>Arguments: CONTENT (camera or grain), ROUNDS, FRAMES per round, PICTURE_EVERY (1 = a new picture every
 * slot, 3 = every third slot as from a 10 fps source), then one encoding per argument as comma-separated
 * RecorderBenchmark-style settings, e.g. {@code default loopfilter=1,sws=bilinear,repeats=encode}.
 */
public final class RecordingEncodingComparison {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private RecordingEncodingComparison() {
    }

    public static void main(String[] args) throws Exception {
        String content = args[0];
        int rounds = Integer.parseInt(args[1]);
        int frames = Integer.parseInt(args[2]);
        int pictureEvery = Integer.parseInt(args[3]);
        List<ByteBuffer> pictures = content.equals("camera") ? DecodedCameraPictures.decode(60)
                : new SyntheticMeetingFeed(1280, 720).pictures();
        Map<String, RecordingVideoEncoding> encodings = new LinkedHashMap<>();
        for (String spec : Arrays.asList(args).subList(4, args.length)) {
            encodings.put(spec, RecorderBenchmark.encodingOf(spec.equals("default") ? List.of() : List.of(spec.split(","))));
        }
        Map<String, List<Double>> results = new LinkedHashMap<>();
        Path dir = Files.createTempDirectory("encoding-comparison");
        for (int round = -1; round < rounds; round++) {
            for (Map.Entry<String, RecordingVideoEncoding> entry : encodings.entrySet()) {
                Path file = dir.resolve("round.mp4");
                double millis = millisPerFrame(entry.getValue(), pictures, frames, pictureEvery, file);
                Files.delete(file);
                if (round >= 0) {
                    results.computeIfAbsent(entry.getKey(), key -> new ArrayList<>()).add(millis);
                }
            }
        }
        Files.delete(dir);
        System.out.printf(Locale.ROOT, "content=%s, %d rounds of %d frames, a new picture every %d slot(s); "
                + "load average %s%n", content, rounds, frames, pictureEvery, Files.readString(Path.of("/proc/loadavg")).trim());
        results.forEach((name, values) -> {
            List<Double> sorted = values.stream().sorted().toList();
            System.out.printf(Locale.ROOT, "%-60s median %.2f ms/frame (min %.2f, max %.2f) = %.3f cores at 30 fps%n", name,
                    sorted.get(sorted.size() / 2), sorted.getFirst(), sorted.getLast(), sorted.get(sorted.size() / 2) * 30 / 1000);
        });
    }

    private static double millisPerFrame(RecordingVideoEncoding encoding, List<ByteBuffer> pictures, int frames,
                                         int pictureEvery, Path file) throws MediaException {
        try (RecordingMuxer muxer = new RecordingMuxer(file, RecordingFormat.DEFAULT, Map.of(), java.util.Optional.empty());
             RecordingVideoTrack video = new RecordingVideoTrack(muxer, encoding)) {
            muxer.begin(RecordingFormat.DEFAULT.muxerOptions());
            long start = THREADS.getCurrentThreadCpuTime();
            for (int slot = 0; slot < frames; slot++) {
                if (slot % pictureEvery == 0) {
                    video.show(pictures.get(slot / pictureEvery % pictures.size()).clear(), 1280, 720, 1280 * 4);
                }
                video.encodeSlot(slot);
            }
            video.finish();
            long cpu = THREADS.getCurrentThreadCpuTime() - start;
            muxer.finish();
            return cpu / 1e6 / frames;
        }
    }
}
