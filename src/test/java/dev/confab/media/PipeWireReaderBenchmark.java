package dev.confab.media;

import com.sun.management.OperatingSystemMXBean;
import dev.confab.testing.PrivateWaylandDesktop;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What reading a Wayland screen cast costs: a real PipeWire video node (GStreamer's test picture, 15 fps, in a
 * private session: {@link PrivateWaylandDesktop}) read by {@link PipeWireStreamReader} at the share's largest
 * size for SECONDS; prints the pictures delivered and the CPU of the reader's gst-launch-1.0 child and of this
 * JVM (which holds the reading thread; the listener does nothing), in cores. The producer's own CPU is not counted.
 * <p>Arguments: SECONDS (default 20), WIDTH HEIGHT of the stream (default 1920 1080).
 * <p>{@code java -cp target/classes:target/test-classes:$(cat target/cp.txt) dev.confab.media.PipeWireReaderBenchmark 20}
 */
public final class PipeWireReaderBenchmark {
    private PipeWireReaderBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 20;
        int width = args.length > 2 ? Integer.parseInt(args[1]) : 1920;
        int height = args.length > 2 ? Integer.parseInt(args[2]) : 1080;
        VideoFormat max = ScreenCaptureFactory.MAX_SHARE_FORMAT;
        try (PrivateWaylandDesktop desktop = PrivateWaylandDesktop.withoutPortal()) {
            int node = desktop.startVideoNode("confab-benchmark", 0x3060A0, width, height);
            AtomicLong pictures = new AtomicLong();
            var os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            try (var reader = new PipeWireStreamReader(node, Math.min(width, max.width()), Math.min(height, max.height()),
                    max.fps(), desktop.environment(), (w, h, stride, bgra, time) -> pictures.incrementAndGet(),
                    reason -> System.err.println("ended: " + reason))) {
                while (pictures.get() == 0) {
                    Thread.sleep(50); // the first picture: the pipeline is negotiated and running
                }
                long jvmStart = os.getProcessCpuTime();
                Duration childStart = reader.child().info().totalCpuDuration().orElseThrow();
                long picturesStart = pictures.get();
                long wallStart = System.nanoTime();
                Thread.sleep((long) (seconds * 1000));
                double wall = (System.nanoTime() - wallStart) / 1e9;
                double jvm = (os.getProcessCpuTime() - jvmStart) / 1e9 / wall;
                double child = (reader.child().info().totalCpuDuration().orElseThrow().toNanos() - childStart.toNanos())
                        / 1e9 / wall;
                System.out.printf("stream %dx%d at 15 fps, shared at %d fps: %.1f pictures/s delivered; "
                                + "gst-launch-1.0 reader %.2f cores, JVM %.2f cores, together %.2f cores (%.0f s)%n",
                        width, height, max.fps(), (pictures.get() - picturesStart) / wall, child, jvm, child + jvm, wall);
            }
        }
    }
}
