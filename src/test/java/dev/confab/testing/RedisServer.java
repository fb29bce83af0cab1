package dev.confab.testing;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real redis-server for cluster tests: the system's binary on a free loopback port, in a temporary folder,
 * without persistence ({@code --save ""}), stopped by {@link #close}. Without the binary the test is skipped
 * with a message saying how to install it, except in CI ({@code CI=true}), where .ci/run installs it: there a
 * missing binary fails the test.
 */
public final class RedisServer implements AutoCloseable {

    private static final List<Path> PLACES = List.of(Path.of("/usr/bin/redis-server"), Path.of("/usr/local/bin/redis-server"),
            Path.of("/usr/sbin/redis-server"), Path.of("/opt/homebrew/bin/redis-server"));

    private final Path binary;
    private final Path dir;
    private final int port;
    private Process process;

    private RedisServer(Path binary, Path dir, int port) {
        this.binary = binary;
        this.dir = dir;
        this.port = port;
    }

    /** Starts one, or skips the test (fails it in CI) when redis-server is not installed. */
    public static RedisServer start() throws IOException {
        Path binary = find();
        if (binary == null) {
            String message = "redis-server is not installed (apt-get install redis-server); .ci/run installs it";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail(message);
            }
            Assumptions.abort(message);
        }
        RedisServer server = new RedisServer(binary, Files.createTempDirectory("confab-redis"), freePort());
        server.launch();
        return server;
    }

    private static Path find() {
        Stream<Path> onPath = Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .filter(s -> !s.isBlank()).map(s -> Path.of(s, "redis-server"));
        return Stream.concat(onPath, PLACES.stream()).filter(Files::isExecutable).findFirst().orElse(null);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    public URI uri() {
        return URI.create("redis://127.0.0.1:" + port);
    }

    /** Stops Redis and starts it again on the same port, empty (nothing was saved): a Redis restart. */
    public void restart() throws IOException {
        stopProcess();
        launch();
    }

    private void launch() throws IOException {
        process = new ProcessBuilder(binary.toString(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", dir.toString(), "--protected-mode", "yes")
                .redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (!answersPing()) {
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                throw new IOException("redis-server did not start: " + Files.readString(dir.resolve("redis.log")));
            }
            try {
                Thread.sleep(20); // polling a port that opens within milliseconds
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("Interrupted", e);
            }
        }
    }

    private boolean answersPing() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            socket.setSoTimeout(500);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] answer = in.readNBytes(5);
            return "+PONG".equals(new String(answer, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            return false;
        }
    }

    private void stopProcess() {
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        stopProcess();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind is harmless
        }
    }
}
