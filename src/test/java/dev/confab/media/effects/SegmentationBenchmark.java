package dev.confab.media.effects;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Speed of the bundled person-segmentation model alone, at its own size (256x144), on one thread: wall time per
 * inference (p50, p95, max) and CPU per inference (the calling thread's, and the whole process's, which would
 * show any helper thread ONNX Runtime started). The picture is the astronaut portrait, already shrunk: the
 * effect's own shrinking, smoothing and compositing are measured separately (docs/performance.md).
 *
 * <pre>
 * mvn -B -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java --enable-native-access=ALL-UNNAMED -cp target/classes:target/test-classes:$(cat target/cp.txt) \
 *     dev.confab.media.effects.SegmentationBenchmark [INFERENCES, default 600]
 * </pre>
 */
public final class SegmentationBenchmark {
    private static final int WARM_UP = 50;

    private SegmentationBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int inferences = args.length > 0 ? Integer.parseInt(args[0]) : 600;
        System.out.println("load average at start: " + Files.readString(Path.of("/proc/loadavg")).strip());
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long openStart = System.nanoTime();
        try (PersonSegmenter segmenter = PersonSegmenters.open()) {
            System.out.printf("model loaded in %.0f ms%n", (System.nanoTime() - openStart) / 1e6);
            int width = segmenter.inputWidth();
            int height = segmenter.inputHeight();
            byte[] rgb = Portrait.rgb(Portrait.withPeople().getFirst().picture(), width, height);
            float[] mask = new float[width * height];
            for (int i = 0; i < WARM_UP; i++) {
                segmenter.segment(rgb, mask);
            }
            double[] millis = new double[inferences];
            long threadCpuStart = threads.getCurrentThreadCpuTime();
            long processCpuStart = os.getProcessCpuTime();
            long wallStart = System.nanoTime();
            for (int i = 0; i < inferences; i++) {
                long start = System.nanoTime();
                segmenter.segment(rgb, mask);
                millis[i] = (System.nanoTime() - start) / 1e6;
            }
            double wall = (System.nanoTime() - wallStart) / 1e6;
            double threadCpu = (threads.getCurrentThreadCpuTime() - threadCpuStart) / 1e6;
            double processCpu = (os.getProcessCpuTime() - processCpuStart) / 1e6;
            Arrays.sort(millis);
            System.out.printf("%d inferences at %dx%d: p50 %.2f ms, p95 %.2f ms, max %.2f ms, mean %.2f ms%n",
                    inferences, width, height, percentile(millis, 50), percentile(millis, 95),
                    millis[inferences - 1], wall / inferences);
            System.out.printf("CPU per inference: calling thread %.2f ms, whole process %.2f ms (%.2f cores while running)%n",
                    threadCpu / inferences, processCpu / inferences, processCpu / wall);
            System.out.println("load average at end: " + Files.readString(Path.of("/proc/loadavg")).strip());
        }
    }

    private static double percentile(double[] sorted, int percent) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(percent / 100.0 * sorted.length) - 1)];
    }
}
