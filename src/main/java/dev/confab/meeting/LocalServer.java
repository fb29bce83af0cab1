package dev.confab.meeting;

import dev.confab.server.EmbeddedServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
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
    private CompletableFuture<EmbeddedServer> server;
    private boolean closed;

    /**
     * @param dataDir              where the server keeps its self-signed identity ({@code AppPaths.serverDir()})
     * @param reachableFromNetwork true lets others on the network join; false keeps it to this computer
     */
    public LocalServer(Path dataDir, boolean reachableFromNetwork) {
        this.dataDir = dataDir;
        this.reachableFromNetwork = reachableFromNetwork;
    }

    /** Starts the server off the calling thread, or returns the one already started. */
    public synchronized CompletableFuture<EmbeddedServer> start() {
        if (closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("Confab is shutting down"));
        }
        if (server == null || server.isCompletedExceptionally()) {
            server = CompletableFuture.supplyAsync(() -> {
                try {
                    EmbeddedServer started = EmbeddedServer.start(dataDir, reachableFromNetwork);
                    LOG.info("Built-in meeting server listening on port {}", started.port());
                    return started;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, starter);
        }
        return server;
    }

    /** The server if it has started. */
    public synchronized Optional<EmbeddedServer> running() {
        if (server == null || !server.isDone() || server.isCompletedExceptionally()) {
            return Optional.empty();
        }
        return Optional.of(server.join());
    }

    /** Stops the server (telling connected clients) if it was started. */
    @Override
    public void close() {
        CompletableFuture<EmbeddedServer> started;
        synchronized (this) {
            closed = true;
            started = server;
        }
        starter.shutdown();
        if (started != null) {
            started.thenAccept(EmbeddedServer::stop);
            // A start still under way finishes on the starter thread and is stopped right after.
        }
    }
}
