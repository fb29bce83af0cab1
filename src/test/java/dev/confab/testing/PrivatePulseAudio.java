package dev.confab.testing;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;

/**
 * A private PulseAudio server (installed by .ci/run) with one null sink as its default output, reachable only
 * through its own socket in a temporary directory, so tests never touch (or depend on) a desktop's sound:
 * what is played into the sink ({@link #play}) shows up on its monitor, which is what "computer sound" captures.
 * Close it to end the server. Without pulseaudio installed the test is skipped with a reason, except in CI
 * (CI set), where that is a failure.
 */
public final class PrivatePulseAudio implements AutoCloseable {
    private static final Path DAEMON = Path.of("/usr/bin/pulseaudio");
    private static final Path PACAT = Path.of("/usr/bin/pacat");

    private final Path directory;
    private final Process daemon;

    private PrivatePulseAudio(Path directory, Process daemon) {
        this.directory = directory;
        this.daemon = daemon;
    }

    public static PrivatePulseAudio start() throws IOException {
        if (!Files.isExecutable(DAEMON) || !Files.isExecutable(PACAT)) {
            String missing = "pulseaudio and pulseaudio-utils are not installed (apt-get install pulseaudio pulseaudio-utils)";
            if (System.getenv("CI") != null) {
                throw new IllegalStateException(missing);
            }
            Assumptions.abort(missing + ": skipping the real computer sound test");
        }
        Path directory = Files.createTempDirectory("confab-pulse");
        Path socket = directory.resolve("native");
        ProcessBuilder builder = new ProcessBuilder(DAEMON.toString(), "-n", "--daemonize=no", "--exit-idle-time=-1",
                "--use-pid-file=no", "--log-target=stderr",
                "-L", "module-null-sink sink_name=confab_test rate=48000 channels=1",
                "-L", "module-native-protocol-unix auth-anonymous=1 socket=" + socket)
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("daemon.log").toFile());
        environment(builder, directory);
        Process daemon = builder.start();
        PrivatePulseAudio pulse = new PrivatePulseAudio(directory, daemon);
        try {
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                    .until(() -> Files.exists(socket) || !daemon.isAlive());
            if (!daemon.isAlive()) {
                throw new IllegalStateException("pulseaudio ended: " + Files.readString(directory.resolve("daemon.log")));
            }
        } catch (RuntimeException e) {
            pulse.close();
            throw e;
        }
        return pulse;
    }

    /** Home, runtime and config in the private directory: no desktop server, cookie or autospawn. */
    private static void environment(ProcessBuilder builder, Path directory) {
        builder.environment().put("HOME", directory.toString());
        builder.environment().put("XDG_RUNTIME_DIR", directory.toString());
        builder.environment().put("XDG_CONFIG_HOME", directory.toString());
        builder.environment().put("PULSE_RUNTIME_PATH", directory.toString());
        builder.environment().put("PULSE_SERVER", "unix:" + directory.resolve("native"));
    }

    /** What PULSE_SERVER (or FFmpeg's pulse "server" option) names to reach this server. */
    public String server() {
        return "unix:" + directory.resolve("native");
    }

    /**
     * Starts playing 48 kHz mono s16 into the default output (the null sink), with low latency, as another
     * program would; write chunks to the returned stream in real time, close it to end.
     */
    public Player player() throws IOException {
        ProcessBuilder builder = new ProcessBuilder(PACAT.toString(), "--playback", "--raw", "--format=s16le",
                "--rate=48000", "--channels=1", "--latency-msec=250")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        environment(builder, directory);
        return new Player(builder.start());
    }

    /** A program playing sound: {@link #write} 16-bit samples. */
    public static final class Player implements AutoCloseable {
        private final Process process;
        private final OutputStream in;

        private Player(Process process) {
            this.process = process;
            this.in = process.getOutputStream();
        }

        public void write(short[] pcm, int count) throws IOException {
            ByteBuffer bytes = ByteBuffer.allocate(count * 2).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < count; i++) {
                bytes.putShort(pcm[i]);
            }
            in.write(bytes.array());
            in.flush();
        }

        @Override
        public void close() throws Exception {
            try {
                in.close();
            } catch (IOException ignored) {
                // already ended
            }
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    @Override
    public void close() {
        daemon.destroy();
        try {
            if (!daemon.waitFor(5, TimeUnit.SECONDS)) {
                daemon.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory
        }
    }

    /** A sine of {@code hz} at {@code amplitude} (of 32767), sample by sample at 48 kHz, for {@link #play}. */
    public static IntFunction<Short> tone(double hz, double amplitude) {
        return sample -> (short) Math.round(amplitude * Math.sin(2 * Math.PI * hz * sample / 48_000));
    }

    /** Another program playing 48 kHz mono into the computer's output in real time, 20 ms at a time, until closed. */
    public Program play(IntFunction<Short> sample) throws IOException {
        return new Program(player(), sample, chunk -> { });
    }

    /** As {@link #play(IntFunction)}, telling {@code alsoOnChunk} the number of each 20 ms chunk as it is played. */
    public Program play(IntFunction<Short> sample, IntConsumer alsoOnChunk) throws IOException {
        return new Program(player(), sample, alsoOnChunk);
    }

    /** A program playing sound; close it to stop. */
    public static final class Program implements AutoCloseable {
        private static final int CHUNK = 960;
        private final Player player;
        private final Thread thread;
        private volatile boolean playing = true;

        private Program(Player player, IntFunction<Short> sample, IntConsumer alsoOnChunk) {
            this.player = player;
            thread = Thread.ofPlatform().daemon().name("test-program-playing").start(() -> {
                short[] chunk = new short[CHUNK];
                // 200 ms ahead of real time, like a media player's buffer: a late wake-up on a loaded machine
                // must not starve the sound server (an underrun shifts the echo's delay).
                long next = System.nanoTime() - 200_000_000L;
                for (int n = 0; playing; n++) {
                    for (int i = 0; i < CHUNK; i++) {
                        chunk[i] = sample.apply(n * CHUNK + i);
                    }
                    alsoOnChunk.accept(n);
                    try {
                        player.write(chunk, CHUNK);
                    } catch (IOException e) {
                        return;
                    }
                    next += 20_000_000L;
                    LockSupport.parkNanos(next - System.nanoTime()); // real time, like a media player
                }
            });
        }

        @Override
        public void close() throws Exception {
            playing = false;
            thread.join(2_000);
            player.close();
        }
    }
}
