package dev.confab.media;

import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Measures the real-time codecs at 720p30 and 1.5 Mbit/s on this machine: encode and decode time per
 * picture and packet sizes, for a clean synthetic scene and one with camera-like grain. Not a unit test.
 *
 * <pre>
 * mvn -B -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java --enable-native-access=ALL-UNNAMED -cp target/classes:target/test-classes:$(cat target/cp.txt) \
 *      dev.confab.media.CodecBenchmark [pictures, default 300]
 * </pre>
 */
public final class CodecBenchmark {
    private static final VideoFormat FORMAT = VideoFormat.HD_720P30;
    private static final int BITRATE = 1_500_000;

    private record Scene(String name, String lavfiGraph) {
    }

    private record Result(double encodeMillis, double encodeP95Millis, double decodeMillis, double decodeP95Millis,
                          double averagePacketBytes, int firstKeyframeBytes, int largestPacketBytes, double kilobitsPerSecond,
                          int pictures, int decodedPictures, double psnr,
                          long nativeGrowthKilobytes) {
    }

    private CodecBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int pictures = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        List<Scene> scenes = List.of(
                new Scene("clean testsrc2", "testsrc2=size=1280x720:rate=30"),
                new Scene("testsrc2 + grain", "testsrc2=size=1280x720:rate=30,noise=alls=10:allf=t"));
        System.out.printf("720p30 at %d kbit/s, %d pictures per run, %d CPU cores%n", BITRATE / 1000, pictures,
                Runtime.getRuntime().availableProcessors());
        System.out.println("codec | scene            | enc ms avg/p95 | dec ms avg/p95 | avg pkt B | 1st key B | max pkt B | kbit/s | PSNR dB");
        for (Scene scene : scenes) {
            for (VideoCodec codec : VideoCodec.values()) {
                Result r = run(codec, scene, pictures);
                System.out.printf(Locale.ROOT, "%-5s | %-16s | %6.2f / %6.2f | %6.2f / %6.2f | %9.0f | %9d | %9d | %6.0f | %5.1f%n",
                        codec, scene.name(), r.encodeMillis(), r.encodeP95Millis(), r.decodeMillis(), r.decodeP95Millis(),
                        r.averagePacketBytes(), r.firstKeyframeBytes(), r.largestPacketBytes(), r.kilobitsPerSecond(), r.psnr());
                if (r.nativeGrowthKilobytes() > 16 * 1024) {
                    System.out.printf("      (native memory grew by %d KiB during the run)%n", r.nativeGrowthKilobytes());
                }
                if (r.decodedPictures() != r.pictures()) {
                    System.out.printf("      (%s delivered %d of %d pictures: encoder skipped some)%n", codec,
                            r.decodedPictures(), r.pictures());
                }
            }
        }
    }

    private static Result run(VideoCodec codec, Scene scene, int pictures) throws Exception {
        List<Long> encodeNanos = new ArrayList<>(pictures);
        List<Long> decodeNanos = new ArrayList<>(pictures);
        PacketStats packets = new PacketStats();
        int[] decoded = new int[1];
        long nativeGrowth;
        double[] psnrSum = new double[1];
        long[] psnrNanos = new long[1];
        Frame[] current = new Frame[1];
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(scene.lavfiGraph());
             VideoEncoder encoder = new VideoEncoder(codec, FORMAT, BITRATE);
             VideoDecoder decoder = new VideoDecoder(codec, (w, h, stride, bgra, time) -> {
                 decoded[0]++;
                 long psnrStart = System.nanoTime();
                 psnrSum[0] += psnr(current[0], bgra, stride);
                 psnrNanos[0] += System.nanoTime() - psnrStart;
             })) {
            if (!encoder.unusedOptions().isEmpty()) {
                System.out.println("  " + codec + " ignored options " + encoder.unusedOptions());
            }
            grabber.setFormat("lavfi");
            grabber.setPixelFormat(avutil.AV_PIX_FMT_BGRA);
            grabber.start();
            long nativeBytesAfterWarmUp = 0;
            for (int i = 0; i < pictures; i++) {
                if (i == FORMAT.fps()) {
                    nativeBytesAfterWarmUp = Pointer.physicalBytes();
                }
                Frame frame = grabber.grabImage();
                current[0] = frame;
                ByteBuffer bgra = (ByteBuffer) frame.image[0];
                List<EncodedPacket> fromPicture = new ArrayList<>();
                long start = System.nanoTime();
                encoder.encodeBgra(bgra, frame.imageWidth, frame.imageHeight, frame.imageStride, i * 33_333L, fromPicture::add);
                encodeNanos.add(System.nanoTime() - start);
                psnrNanos[0] = 0;
                start = System.nanoTime();
                for (EncodedPacket packet : fromPicture) {
                    decoder.decode(packet);
                }
                if (!fromPicture.isEmpty()) {
                    // Decoding includes the conversion to BGRA, as the receiver pays it; the PSNR check does not count.
                    decodeNanos.add(System.nanoTime() - start - psnrNanos[0]);
                }
                fromPicture.forEach(packets::add);
            }
            nativeGrowth = (Pointer.physicalBytes() - nativeBytesAfterWarmUp) / 1024;
        }
        long totalBytes = packets.totalBytes;
        int firstKey = packets.firstKeyframeBytes;
        int largest = packets.largestBytes;
        double seconds = pictures / (double) FORMAT.fps();
        return new Result(average(encodeNanos), percentile95(encodeNanos), average(decodeNanos), percentile95(decodeNanos),
                (double) totalBytes / Math.max(1, packets.count), firstKey, largest, totalBytes * 8 / seconds / 1000,
                pictures, decoded[0], psnrSum[0] / Math.max(1, decoded[0]), nativeGrowth);
    }

    /** PSNR over the colour channels of every 4th pixel: enough to rank codecs at the same bitrate. */
    private static double psnr(Frame source, ByteBuffer decoded, int decodedStride) {
        ByteBuffer original = (ByteBuffer) source.image[0];
        double squaredError = 0;
        long samples = 0;
        for (int y = 0; y < source.imageHeight; y += 2) {
            for (int x = 0; x < source.imageWidth; x += 2) {
                for (int channel = 0; channel < 3; channel++) {
                    int a = original.get(y * source.imageStride + x * 4 + channel) & 0xFF;
                    int b = decoded.get(y * decodedStride + x * 4 + channel) & 0xFF;
                    squaredError += (a - b) * (a - b);
                    samples++;
                }
            }
        }
        double mse = squaredError / samples;
        return mse == 0 ? 99 : 10 * Math.log10(255.0 * 255.0 / mse);
    }

    /** Running packet statistics, so the run holds no packets (memory growth then means a leak). */
    private static final class PacketStats {
        long totalBytes;
        int count;
        int largestBytes;
        int firstKeyframeBytes;

        void add(EncodedPacket packet) {
            int size = packet.data().length;
            totalBytes += size;
            count++;
            largestBytes = Math.max(largestBytes, size);
            if (packet.keyframe() && firstKeyframeBytes == 0) {
                firstKeyframeBytes = size;
            }
        }
    }

    private static double average(List<Long> nanos) {
        return nanos.stream().mapToLong(Long::longValue).average().orElse(0) / 1e6;
    }

    private static double percentile95(List<Long> nanos) {
        List<Long> sorted = nanos.stream().sorted().toList();
        return sorted.isEmpty() ? 0 : sorted.get((int) (sorted.size() * 0.95)) / 1e6;
    }
}
