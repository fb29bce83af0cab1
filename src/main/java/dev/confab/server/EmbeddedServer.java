package dev.confab.server;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

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
    private final boolean reachableFromNetwork;

    private EmbeddedServer(MeetingServer server, boolean reachableFromNetwork) {
        this.server = server;
        this.reachableFromNetwork = reachableFromNetwork;
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
        return new EmbeddedServer(server, reachableFromNetwork);
    }

    /** The URL for this computer's own client: {@code wss://127.0.0.1:PORT}. */
    public URI localUrl() {
        return URI.create("wss://127.0.0.1:" + server.port());
    }

    /**
     * Addresses others on the network can use to join (one per non-loopback IPv4 address of this computer),
     * or an empty list when the server listens on loopback only.
     */
    public List<URI> networkUrls() {
        if (!reachableFromNetwork) {
            return List.of();
        }
        List<URI> urls = new ArrayList<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || nic.isLoopback()) {
                    continue;
                }
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address instanceof Inet4Address && !address.isLinkLocalAddress()) {
                        urls.add(URI.create("wss://" + address.getHostAddress() + ":" + server.port()));
                    }
                }
            }
        } catch (SocketException e) {
            return List.of();
        }
        return urls;
    }

    /** True when listening on all interfaces; false when on loopback only. */
    public boolean reachableFromNetwork() {
        return reachableFromNetwork;
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
