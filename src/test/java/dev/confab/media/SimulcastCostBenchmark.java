package dev.confab.media;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Locale;

/**
 * The encode cost of simulcast at 720p30: what one picture costs the sender's encode thread with one layer
 * (1280×720 at 1.5 Mbit/s) and with the three layers a meeting of three or more sends from the top rung
 * (1280×720, 640×360 at 0.5 Mbit/s, 320×180 at 0.15 Mbit/s, as {@code VideoSender} encodes them: each from the
 * same captured picture). Pictures are a camera-like moving scene that went through the meeting's VP8 path
 * ({@link DecodedCameraPictures}). The two ways take turns over several rounds in one JVM; thread CPU time per
 * picture is compared (of the whole process, since libvpx may use worker threads). Not a unit test.
 *
 * <pre>
 * mvn -B -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java --enable-native-access=ALL-UNNAMED -cp target/classes:target/test-classes:$(cat target/cp.txt) \
 *      dev.confab.media.SimulcastCostBenchmark [rounds, default 5] [pictures per round, default 150]
 * </pre>
 */
public final class SimulcastCostBenchmark {

    private record Layer(VideoFormat format, int bitrate) {
    }

    private static final List<Layer> SINGLE = List.of(new Layer(VideoFormat.HD_720P30, 1_500_000));
    private static final List<Layer> SIMULCAST = List.of(new Layer(VideoFormat.HD_720P30, 1_500_000),
            new Layer(new VideoFormat(640, 360, 30), 500_000), new Layer(new VideoFormat(320, 180, 15), 150_000));

    private SimulcastCostBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int perRound = args.length > 1 ? Integer.parseInt(args[1]) : 150;
        List<ByteBuffer> pictures = DecodedCameraPictures.decode(perRound);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double singleTotal = 0;
        double simulcastTotal = 0;
        long[] bytes = new long[2];
        encode(SINGLE, pictures, threads, new long[1]); // warm-up: libvpx's first pictures cost more
        for (int round = 1; round <= rounds; round++) {
            double single = encode(SINGLE, pictures, threads, bytes);
            double simulcast = encode(SIMULCAST, pictures, threads, bytes);
            singleTotal += single;
            simulcastTotal += simulcast;
            System.out.printf(Locale.ROOT, "round %d: one layer %.2f ms/picture, three layers %.2f ms/picture (%.2fx)%n",
                    round, single, simulcast, simulcast / single);
        }
        System.out.printf(Locale.ROOT, "mean over %d rounds of %d pictures: one layer %.2f ms, three layers %.2f ms "
                        + "per picture of process CPU: simulcast costs %.2fx%n", rounds, perRound,
                singleTotal / rounds, simulcastTotal / rounds, simulcastTotal / singleTotal);
    }

    /** CPU of the whole process: libvpx may encode on worker threads of its own (slices, token partitions). */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** Encodes every picture with each layer's encoder, as the sender does; process CPU ms per picture. */
    private static double encode(List<Layer> layers, List<ByteBuffer> pictures, ThreadMXBean threads, long[] bytes)
            throws MediaException {
        VideoEncoder[] encoders = new VideoEncoder[layers.size()];
        try {
            for (int i = 0; i < encoders.length; i++) {
                Layer layer = layers.get(i);
                encoders[i] = i == 0 || "default".equals(System.getProperty("layerScaler"))
                        ? new VideoEncoder(VideoCodec.VP8, layer.format(), layer.bitrate())
                        : VideoEncoder.forSmallerLayer(VideoCodec.VP8, layer.format(), layer.bitrate());
            }
            long frameMicros = 1_000_000L / 30;
            long start = processCpuNanos();
            for (int index = 0; index < pictures.size(); index++) {
                ByteBuffer picture = pictures.get(index);
                for (int i = 0; i < encoders.length; i++) {
                    if (layers.get(i).format().fps() < 30 && index % 2 == 1) {
                        continue; // the small layer runs at 15 fps
                    }
                    encoders[i].encodeBgra(picture.duplicate(), 1280, 720, 1280 * 4, index * frameMicros,
                            packet -> bytes[0] += packet.data().length);
                }
            }
            return (processCpuNanos() - start) / 1e6 / pictures.size();
        } finally {
            for (VideoEncoder encoder : encoders) {
                if (encoder != null) {
                    encoder.close();
                }
            }
        }
    }
}
