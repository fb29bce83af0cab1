package dev.confab.media;

import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The client's per-frame video path at 720p30, VP8 1.5 Mbit/s, one encoder thread (what the app uses on
 * 2 cores), measured rigorously (JMH-style: separate forked JVMs, warm-up iterations, then measured
 * iterations; mean ± 95 % confidence interval over all measured iterations), beside the same codec and
 * settings run by the {@code ffmpeg} command line on the same lavfi testsrc2 source.
 * <ul>
 *   <li><b>convert + encode</b>: BGRA camera picture → YUV 4:2:0 → libvpx packet ({@link VideoEncoder#encodeBgra}).</li>
 *   <li><b>decode + convert</b>: packet → FFmpeg VP8 decoder → BGRA → copy into a direct buffer, as
 *       {@code VideoView} stages it for its {@code PixelBuffer}.</li>
 * </ul>
 * Both are reported as wall ms/frame and CPU ms/frame (thread CPU time; robust on a shared machine).
 * The CLI's encode cost is (source + convert + encode) − (source + convert alone).
 *
 * <pre>
 * mvn -B -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java --enable-native-access=ALL-UNNAMED -cp target/classes:target/test-classes:$(cat target/cp.txt) \
 *      dev.confab.media.VideoPathBenchmark [forks=3] [iterations=5] [warmups=2] [frames=150]
 * </pre>
 */
public final class VideoPathBenchmark {
    private static final VideoFormat FORMAT = VideoFormat.HD_720P30;
    private static final int BITRATE = 1_500_000;
    private static final String SOURCE = "testsrc2=size=1280x720:rate=30";
    private static final int DISTINCT_PICTURES = 30;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private VideoPathBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--fork")) {
            fork(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            return;
        }
        int forks = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int iterations = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int warmups = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        int frames = args.length > 3 ? Integer.parseInt(args[3]) : 150;
        System.out.printf("720p30 VP8 %d kbit/s, 1 encoder thread; %d forks x (%d warm-up + %d measured) iterations of %d frames; %d cores%n",
                BITRATE / 1000, forks, warmups, iterations, frames, Runtime.getRuntime().availableProcessors());
        Map<String, List<Double>> samples = new TreeMap<>();
        for (int f = 0; f < forks; f++) {
            runFork(iterations, warmups, frames, samples);
        }
        System.out.println();
        System.out.println("Java (this code)                 mean ms/frame  ± 95% CI    n");
        samples.forEach((name, values) -> System.out.printf(Locale.ROOT, "  %-30s %8.2f  ± %5.2f  %4d%n", name,
                mean(values), ci95(values), values.size()));
        cliAnchors(samples, frames * 2, forks);
    }

    private static void runFork(int iterations, int warmups, int frames, Map<String, List<Double>> samples)
            throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-Dlogback.configurationFile=none",
                "-cp", System.getProperty("java.class.path"), VideoPathBenchmark.class.getName(), "--fork",
                String.valueOf(iterations), String.valueOf(warmups), String.valueOf(frames))
                .redirectErrorStream(true).start();
        StringBuilder log = new StringBuilder();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream()))) {
            String line;
            while ((line = reader.readLine()) != null) {
                log.append(line).append('\n');
                if (line.startsWith("RESULT ")) {
                    String[] parts = line.split(" ");
                    samples.computeIfAbsent(parts[1], k -> new ArrayList<>()).add(Double.parseDouble(parts[2]));
                }
            }
        }
        if (process.waitFor() != 0) {
            throw new IllegalStateException("benchmark fork failed:\n" + log);
        }
    }

    /** One JVM: prints "RESULT name msPerFrame" per measured iteration. */
    private static void fork(int iterations, int warmups, int frames) throws Exception {
        List<ByteBuffer> pictures = grabPictures();
        List<EncodedPacket> packets = new ArrayList<>();
        try (VideoEncoder encoder = new VideoEncoder(VideoCodec.VP8, FORMAT, BITRATE)) {
            long[] clock = {0};
            for (int i = 0; i < warmups + iterations; i++) {
                long wall = System.nanoTime();
                long cpu = THREADS.getCurrentThreadCpuTime();
                for (int n = 0; n < frames; n++) {
                    clock[0] += 33_333;
                    encoder.encodeBgra(pictures.get(n % pictures.size()), FORMAT.width(), FORMAT.height(),
                            FORMAT.width() * 4, clock[0], packets.size() < frames ? packets::add : p -> { });
                }
                report(i >= warmups, "encode+convert.wall", wall, System.nanoTime(), frames);
                report(i >= warmups, "encode+convert.cpu", cpu, THREADS.getCurrentThreadCpuTime(), frames);
            }
        }
        ByteBuffer staging = ByteBuffer.allocateDirect(FORMAT.width() * FORMAT.height() * 4);
        try (VideoDecoder decoder = new VideoDecoder(VideoCodec.VP8, (w, h, stride, bgra, time) ->
                staging.put(0, bgra, 0, h * stride))) {
            for (int i = 0; i < warmups + iterations; i++) {
                long wall = System.nanoTime();
                long cpu = THREADS.getCurrentThreadCpuTime();
                for (EncodedPacket packet : packets) {
                    decoder.decode(packet);
                }
                report(i >= warmups, "decode+convert.wall", wall, System.nanoTime(), packets.size());
                report(i >= warmups, "decode+convert.cpu", cpu, THREADS.getCurrentThreadCpuTime(), packets.size());
            }
        }
    }

    private static void report(boolean measured, String name, long from, long to, int frames) {
        if (measured) {
            System.out.printf(Locale.ROOT, "RESULT %s %.4f%n", name, (to - from) / 1e6 / frames);
        }
    }

    private static List<ByteBuffer> grabPictures() throws Exception {
        List<ByteBuffer> pictures = new ArrayList<>();
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(SOURCE)) {
            grabber.setFormat("lavfi");
            grabber.setPixelFormat(avutil.AV_PIX_FMT_BGRA);
            grabber.start();
            for (int i = 0; i < DISTINCT_PICTURES; i++) {
                Frame frame = grabber.grabImage();
                ByteBuffer source = (ByteBuffer) frame.image[0];
                ByteBuffer copy = ByteBuffer.allocateDirect(FORMAT.width() * FORMAT.height() * 4);
                for (int y = 0; y < FORMAT.height(); y++) {
                    copy.put(y * FORMAT.width() * 4, source, y * frame.imageStride, FORMAT.width() * 4);
                }
                pictures.add(copy);
            }
        }
        return pictures;
    }

    // ---- the ffmpeg command line, same source, codec and settings -------------------------------------

    private static final String VP8_OPTIONS = "-c:v libvpx -threads 1 -deadline realtime -cpu-used 8 -lag-in-frames 0 "
            + "-error-resilient default -max-intra-rate 300 -b:v 1500k -minrate 1500k -maxrate 1500k -bufsize 1500k -g 150";

    private static void cliAnchors(Map<String, List<Double>> java, int frames, int runs) throws Exception {
        System.out.println();
        if (!commandExists()) {
            System.out.println("ffmpeg CLI: ABSENT (install it with apt-get install -y ffmpeg) - no physical-limit anchor.");
            return;
        }
        Path dir = Files.createTempDirectory("confab-bench");
        Path ivf = dir.resolve("720p.ivf");
        String input = "-f lavfi -i " + SOURCE + " -frames:v " + frames + " -vf format=bgra";
        ffmpeg(input + " -pix_fmt yuv420p " + VP8_OPTIONS + " -y " + ivf);
        List<Double> encodeCpu = new ArrayList<>();
        List<Double> encodeWall = new ArrayList<>();
        List<Double> decodeCpu = new ArrayList<>();
        List<Double> decodeWall = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            double[] source = ffmpeg(input + " -f null -"); // lavfi + BGRA only: no YUV conversion
            double[] encode = ffmpeg(input + " -pix_fmt yuv420p " + VP8_OPTIONS + " -f null -");
            double[] decode = ffmpeg("-threads 1 -i " + ivf + " -vf format=bgra -f null -");
            encodeCpu.add((encode[0] - source[0]) * 1000 / frames);
            encodeWall.add((encode[1] - source[1]) * 1000 / frames);
            decodeCpu.add(decode[0] * 1000 / frames);
            decodeWall.add(decode[1] * 1000 / frames);
        }
        System.out.println("ffmpeg CLI (" + version() + ")  mean ms/frame  ± 95% CI    n   Java/CLI (CPU)");
        line("encode+convert.cpu", encodeCpu, java.get("encode+convert.cpu"));
        line("encode+convert.wall", encodeWall, null);
        line("decode+convert.cpu", decodeCpu, java.get("decode+convert.cpu"));
        line("decode+convert.wall", decodeWall, null);
        System.out.println("CLI encode = (lavfi->bgra, bgra->yuv420p, libvpx) - (lavfi->bgra alone); decode = ivf demux + vp8 + yuv->bgra.");
        Files.deleteIfExists(ivf);
        Files.deleteIfExists(dir);
    }

    private static void line(String name, List<Double> cli, List<Double> java) {
        String ratio = java == null ? "" : String.format(Locale.ROOT, "   %.2fx", mean(java) / mean(cli));
        System.out.printf(Locale.ROOT, "  %-30s %8.2f  ± %5.2f  %4d%s%n", name, mean(cli), ci95(cli), cli.size(), ratio);
    }

    private static boolean commandExists() {
        try {
            return new ProcessBuilder("ffmpeg", "-version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static String version() throws IOException {
        Process p = new ProcessBuilder("ffmpeg", "-version").redirectErrorStream(true).start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream()))) {
            String first = r.readLine();
            return first == null ? "?" : first.replaceAll("^ffmpeg version (\\S+).*", "$1");
        }
    }

    private static final Pattern BENCH = Pattern.compile("bench: utime=([0-9.]+)s stime=([0-9.]+)s rtime=([0-9.]+)s");

    /** Runs ffmpeg with -benchmark; returns {cpu seconds (user+sys), wall seconds}. */
    private static double[] ffmpeg(String arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-nostdin", "-benchmark"));
        command.addAll(List.of(arguments.split(" ")));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        double[] result = null;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream()))) {
            String line;
            while ((line = reader.readLine()) != null) {
                Matcher m = BENCH.matcher(line);
                if (m.find()) {
                    result = new double[] {Double.parseDouble(m.group(1)) + Double.parseDouble(m.group(2)),
                            Double.parseDouble(m.group(3))};
                }
            }
        }
        if (process.waitFor() != 0 || result == null) {
            throw new IOException("ffmpeg failed: " + command);
        }
        return result;
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    /** Half-width of the 95 % confidence interval of the mean (normal approximation; t for small n). */
    private static double ci95(List<Double> values) {
        int n = values.size();
        if (n < 2) {
            return Double.NaN;
        }
        double mean = mean(values);
        double variance = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum() / (n - 1);
        double t = n >= 30 ? 1.96 : new double[] {0, 0, 12.71, 4.30, 3.18, 2.78, 2.57, 2.45, 2.36, 2.31, 2.26,
                2.23, 2.20, 2.18, 2.16, 2.14, 2.13, 2.12, 2.11, 2.10, 2.09, 2.09, 2.08, 2.07, 2.07, 2.06, 2.06,
                2.06, 2.05, 2.05}[n];
        return t * Math.sqrt(variance / n);
    }
}
