package dev.confab.meeting;

import dev.confab.signaling.ServerTrust;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link MeetingSession} connects.
 *
 * @param server           wss://host:port (or ws:// for a loopback test server)
 * @param trust            certificate trust; see {@link KnownServers#trustFor(URI)}
 * @param connectTimeout   limit for connecting and for the server's answer to create/join
 * @param reconnectTimeout how long to keep trying after the connection drops before giving up
 */
public record SessionOptions(URI server, String displayName, ServerTrust trust, Duration connectTimeout,
                             Duration reconnectTimeout) {

    public SessionOptions {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(trust, "trust");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(reconnectTimeout, "reconnectTimeout");
    }

    /** Defaults: 10 s to connect, 60 s of reconnect attempts. */
    public static SessionOptions of(URI server, String displayName, ServerTrust trust) {
        return new SessionOptions(server, displayName, trust, Duration.ofSeconds(10), Duration.ofSeconds(60));
    }

    public SessionOptions withReconnectTimeout(Duration value) {
        return new SessionOptions(server, displayName, trust, connectTimeout, value);
    }
}
