package dev.confab.netem;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;

/**
 * A TCP proxy that behaves like a bad network path: it listens on a port and forwards each accepted connection to
 * a target, through an up pipe (client → server) and a down pipe (server → client) of its own that apply the
 * {@link LinkSpec}'s rate limit, one-way delay, stalls and outages on one shared timeline. Needs no root and no
 * kernel support, so it runs in CI; TLS passes through untouched, so a client still checks the real server's
 * certificate. TCP cannot lose data, so neither can this link: where a real path drops packets, TCP turns the loss
 * into delay, and that is what the emulator produces (queueing, stalls).
 */
public final class LinkEmulator implements AutoCloseable {

    /**
     * The bottleneck queue: the receive buffer of the socket the proxy reads each direction from. Bytes the
     * bottleneck has not taken yet wait there (plus in the sender's send buffer), and when it is full the sender
     * can no longer write, as when a router's queue is full. 64 KiB is about 0.9 s at 600 kbit/s.
     */
    public static final int QUEUE_BYTES = 64 * 1024;

    /** When the timed phases of the spec begin to count. */
    public enum ScheduleStart {
        /** At the first accepted connection (the standalone proxy, a bot). */
        FIRST_CONNECTION,
        /** Only when {@link #startSchedule()} is called (the load test starts it with its measured interval). */
        ON_REQUEST
    }

    private final ServerSocket listener;
    private final InetSocketAddress target;
    private final LinkSchedule schedule;
    private final ScheduleStart scheduleStart;
    private final Map<Direction, LongAdder> delivered = new EnumMap<>(Direction.class);
    private final List<ProxiedConnection> connections = new CopyOnWriteArrayList<>();

    private LinkEmulator(ServerSocket listener, InetSocketAddress target, LinkSpec spec, ScheduleStart scheduleStart) {
        this.listener = listener;
        this.target = target;
        this.schedule = new LinkSchedule(spec);
        this.scheduleStart = scheduleStart;
        for (Direction direction : Direction.values()) {
            delivered.put(direction, new LongAdder());
        }
        Thread.ofVirtual().name("link-accept").start(this::acceptLoop);
    }

    /** Listens on {@code listen} (port 0: any free one) and forwards to {@code target}. */
    public static LinkEmulator start(LinkSpec spec, InetSocketAddress listen, InetSocketAddress target,
                                     ScheduleStart scheduleStart) throws IOException {
        ServerSocket listener = new ServerSocket();
        listener.setReceiveBufferSize(QUEUE_BYTES); // inherited by accepted sockets: the uplink's queue
        listener.bind(listen, 50);
        return new LinkEmulator(listener, target, spec, scheduleStart);
    }

    /** On a free loopback port, in front of the host and port of a {@code ws://} or {@code wss://} server address. */
    public static LinkEmulator inFrontOf(URI server, LinkSpec spec, ScheduleStart scheduleStart) throws IOException {
        int port = server.getPort() >= 0 ? server.getPort() : "wss".equalsIgnoreCase(server.getScheme()) ? 443 : 80;
        return start(spec, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                new InetSocketAddress(server.getHost(), port), scheduleStart);
    }

    /**
     * {@code server} with its host and port replaced by this proxy's. The TLS certificate is still the real
     * server's, so a pinned fingerprint keeps working; a certificate checked only by host name does not match
     * 127.0.0.1 and is refused.
     */
    public URI routeThrough(URI server) {
        try {
            return new URI(server.getScheme(), server.getUserInfo(), listener.getInetAddress().getHostAddress(),
                    port(), server.getPath(), server.getQuery(), server.getFragment());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Cannot route " + server + " through the link emulator", e);
        }
    }

    public int port() {
        return listener.getLocalPort();
    }

    public LinkSpec spec() {
        return schedule.spec();
    }

    /** Starts the timed phases now (no effect once they run). */
    public void startSchedule() {
        schedule.start(System.nanoTime());
    }

    /** The {@link System#nanoTime()} at which the timed phases started; empty before. */
    public java.util.OptionalLong scheduleStartNanos() {
        return schedule.started() ? java.util.OptionalLong.of(schedule.startedAt()) : java.util.OptionalLong.empty();
    }

    /** Bytes written to the receiving side in this direction, over every connection so far. */
    public long bytesDelivered(Direction direction) {
        return delivered.get(direction).sum();
    }

    /** Connections accepted so far (a reconnecting client makes more than one). */
    public int connectionsAccepted() {
        return connections.size();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return; // closed
            }
            if (scheduleStart == ScheduleStart.FIRST_CONNECTION) {
                schedule.start(System.nanoTime());
            }
            ProxiedConnection connection = new ProxiedConnection(client);
            connections.add(connection);
            Thread.ofVirtual().name("link-connect").start(() -> connection.open(target, schedule, delivered, QUEUE_BYTES));
        }
    }

    /** Stops listening and cuts every connection. */
    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        connections.forEach(ProxiedConnection::abort);
    }
}
