package dev.confab.meeting;

import dev.confab.server.EmbeddedServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The built-in meeting server ("This computer"), started on first use — never before the user agreed and
 * asked for a meeting — at most once per app, and stopped when the app exits. Thread-safe.
 */
public final class LocalServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalServer.class);

    private final Path dataDir;
    private final boolean reachableFromNetwork;
    private final ExecutorService starter = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().daemon().name("confab-local-server").factory());
    private CompletableFuture<Running> server;
    private boolean closed;

    /**
     * @param dataDir              where the server keeps its self-signed identity ({@code AppPaths.serverDir()})
     * @param reachableFromNetwork true lets others on the network join; false keeps it to this computer
     */
    public LocalServer(Path dataDir, boolean reachableFromNetwork) {
        this.dataDir = dataDir;
        this.reachableFromNetwork = reachableFromNetwork;
    }

    /** The started server as the app needs it: where to connect, and what to tell those it invites. */
    public static final class Running {
        private final EmbeddedServer server;

        private Running(EmbeddedServer server) {
            this.server = server;
        }

        /** Where this computer connects, with the server's own certificate pinned. */
        public ServerEndpoint endpoint() {
            return new ServerEndpoint(server.localUrl(), server.fingerprint());
        }

        public URI localUrl() {
            return server.localUrl();
        }

        /** The addresses others on the network can join at (asked each time: networks come and go). */
        public List<URI> networkUrls() {
            return server.networkUrls();
        }

        /** SHA-256 fingerprint of the server's self-signed certificate, for invitees to compare. */
        public String fingerprint() {
            return server.fingerprint();
        }

        public int port() {
            return server.port();
        }
    }

    /** Starts the server off the calling thread, or returns the one already started. */
    public synchronized CompletableFuture<Running> start() {
        if (closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("Confab is shutting down"));
        }
        if (server == null || server.isCompletedExceptionally()) {
            server = CompletableFuture.supplyAsync(() -> {
                try {
                    EmbeddedServer started = EmbeddedServer.start(dataDir, reachableFromNetwork);
                    LOG.info("Built-in meeting server listening on port {}", started.port());
                    return new Running(started);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, starter);
        }
        return server;
    }

    /** The server if it has started. */
    public synchronized Optional<Running> running() {
        if (server == null || !server.isDone() || server.isCompletedExceptionally()) {
            return Optional.empty();
        }
        return Optional.of(server.join());
    }

    /** Stops the server (telling connected clients) if it was started. */
    @Override
    public void close() {
        CompletableFuture<Running> started;
        synchronized (this) {
            closed = true;
            started = server;
        }
        starter.shutdown();
        if (started != null) {
            started.thenAccept(running -> running.server.stop());
            // A start still under way finishes on the starter thread and is stopped right after.
        }
    }
}
