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
import java.util.function.BooleanSupplier;

/**
 * The built-in meeting server ("This computer"), started on first use — never before the user agreed and
 * asked for a meeting — at most one at a time, stopped when its meeting ends ({@link #stopIfServing}) and when
 * the app exits. It listens on loopback only unless hosting for others is both allowed (the administrator's
 * {@code allowThisComputerHosting}) and asked for ({@link Reach#NETWORK}). Thread-safe.
 */
public final class LocalServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalServer.class);

    private final Path dataDir;
    private final BooleanSupplier hostingForOthersAllowed;
    private final ExecutorService starter = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().daemon().name("confab-local-server").factory());
    private CompletableFuture<Running> server;
    private Reach serverReach;
    private boolean closed;

    /** Who may connect to the built-in server. */
    public enum Reach {
        /** Loopback only: this computer's own client and the demo's synthetic participants. */
        THIS_COMPUTER,
        /** All interfaces, so others on the network can join: hosting for others. */
        NETWORK
    }

    /**
     * @param dataDir                 where the server keeps its self-signed identity ({@code AppPaths.serverDir()})
     * @param hostingForOthersAllowed the administrator's {@code allowThisComputerHosting}, asked on every start;
     *                                when false, every server listens on loopback only
     */
    public LocalServer(Path dataDir, BooleanSupplier hostingForOthersAllowed) {
        this.dataDir = dataDir;
        this.hostingForOthersAllowed = hostingForOthersAllowed;
    }

    /** @param hostingForOthersAllowed true lets {@link Reach#NETWORK} starts listen for others; false: loopback only */
    public LocalServer(Path dataDir, boolean hostingForOthersAllowed) {
        this(dataDir, () -> hostingForOthersAllowed);
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

        /** True when others on the network can connect; false when it listens on loopback only. */
        public boolean reachableFromNetwork() {
            return server.reachableFromNetwork();
        }
    }

    /** Whether {@link Reach#NETWORK} is allowed now. */
    public boolean hostingForOthersAllowed() {
        return hostingForOthersAllowed.getAsBoolean();
    }

    /**
     * Starts the server off the calling thread, or returns the one already started with this reach (a server
     * started with the other reach is stopped first). {@link Reach#NETWORK} gets a loopback-only server when
     * hosting for others is not allowed: callers refuse such meetings first, this is the last line.
     */
    public synchronized CompletableFuture<Running> start(Reach requested) {
        if (closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("Confab is shutting down"));
        }
        Reach reach = requested == Reach.NETWORK && hostingForOthersAllowed.getAsBoolean()
                ? Reach.NETWORK : Reach.THIS_COMPUTER;
        if (server != null && !server.isCompletedExceptionally() && serverReach != reach) {
            stopQuietly(server);
            server = null;
        }
        if (server == null || server.isCompletedExceptionally()) {
            serverReach = reach;
            server = CompletableFuture.supplyAsync(() -> {
                try {
                    EmbeddedServer started = EmbeddedServer.start(dataDir, reach == Reach.NETWORK);
                    LOG.info("Built-in meeting server listening on port {} ({})", started.port(),
                            reach == Reach.NETWORK ? "reachable from the network" : "this computer only");
                    return new Running(started);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, starter);
        }
        return server;
    }

    /**
     * Stops the server if it is the one at {@code localUrl} (its meeting ended); a server started since for the
     * next meeting, on another port, is left alone.
     *
     * @return whether a server was stopped
     */
    public boolean stopIfServing(URI localUrl) {
        CompletableFuture<Running> stopping;
        synchronized (this) {
            Optional<Running> now = running();
            if (now.isEmpty() || !now.get().localUrl().equals(localUrl)) {
                return false;
            }
            stopping = server;
            server = null;
            serverReach = null;
        }
        stopQuietly(stopping);
        LOG.info("Built-in meeting server stopped: its meeting ended");
        return true;
    }

    private static void stopQuietly(CompletableFuture<Running> started) {
        started.thenAccept(running -> running.server.stop());
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
