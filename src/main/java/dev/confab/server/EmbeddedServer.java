package dev.confab.server;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;

/**
 * The meeting server running inside the desktop client ("This computer" in the lobby): the same
 * {@link MeetingServer}, on a free port, with the self-signed certificate kept in the user's data folder.
 * The local client connects through loopback and pins {@link #fingerprint()} automatically.
 *
 * <pre>{@code
 * EmbeddedServer local = EmbeddedServer.start(paths.serverDir(), false);
 * var trust = ServerTrust.pinned(local.fingerprint());
 * new MeetingSession(SessionOptions.of(local.localUrl(), name, trust), listener).createMeeting(null);
 * ...
 * local.stop();
 * }</pre>
 */
public final class EmbeddedServer implements AutoCloseable {

    private final MeetingServer server;

    private EmbeddedServer(MeetingServer server) {
        this.server = server;
    }

    /**
     * Starts the server. Blocking (certificate generation on first use); call it off the UI thread.
     *
     * @param dataDir             where the self-signed identity lives, e.g. {@code AppPaths.serverDir()}
     * @param reachableFromNetwork true: listen on all interfaces so others on the network can join;
     *                            false: loopback only
     */
    public static EmbeddedServer start(Path dataDir, boolean reachableFromNetwork) throws IOException {
        var config = new ServerConfig()
                .bindAddress(reachableFromNetwork ? "0.0.0.0" : "127.0.0.1")
                .port(0)
                .dataDir(dataDir);
        MeetingServer server = new MeetingServer(config);
        server.start();
        return new EmbeddedServer(server);
    }

    /** The URL for this computer's own client: {@code wss://127.0.0.1:PORT}. */
    public URI localUrl() {
        return URI.create("wss://127.0.0.1:" + server.port());
    }

    public int port() {
        return server.port();
    }

    /** SHA-256 fingerprint of the server's certificate, to pin and to tell others who join over the network. */
    public String fingerprint() {
        return server.fingerprint();
    }

    /** Tells connected clients and stops. */
    public void stop() {
        server.stop();
    }

    @Override
    public void close() {
        stop();
    }
}
