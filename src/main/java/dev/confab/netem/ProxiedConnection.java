package dev.confab.netem;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/** One accepted client connection and its connection to the target, joined by an up and a down {@link LinkPipe}. */
final class ProxiedConnection {

    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;

    private final Socket client;
    private final Socket server = new Socket();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicInteger directionsOpen = new AtomicInteger(2);
    private volatile LinkPipe up;
    private volatile LinkPipe down;

    ProxiedConnection(Socket client) {
        this.client = client;
    }

    /**
     * Connects to the target once no outage runs (a client that connects during an outage sees its handshake hang,
     * as with a dead Wi-Fi, rather than a refusal) and starts both pipes. Returns false if it gave up.
     */
    boolean open(InetSocketAddress target, LinkSchedule schedule, Map<Direction, LongAdder> delivered,
                 int queueBytes) {
        try {
            while (schedule.outage(System.nanoTime())) {
                if (closed.get()) {
                    return false;
                }
                LockSupport.parkNanos(schedule.pauseBefore(System.nanoTime(), Long.MAX_VALUE));
            }
            server.setReceiveBufferSize(queueBytes); // before connecting, so the window is sized from the start
            server.setTcpNoDelay(true);
            client.setTcpNoDelay(true);
            server.connect(target, CONNECT_TIMEOUT_MILLIS);
        } catch (IOException e) {
            abort();
            return false;
        }
        up = new LinkPipe(Direction.UP, client, server, schedule, delivered.get(Direction.UP), this);
        down = new LinkPipe(Direction.DOWN, server, client, schedule, delivered.get(Direction.DOWN), this);
        up.start();
        down.start();
        return true;
    }

    /** Both sides said FIN and everything was delivered: the connection ends normally. */
    void directionFinished() {
        if (directionsOpen.decrementAndGet() == 0) {
            abort();
        }
    }

    /** Closes both sockets at once (a reset or a failure on one side, or the emulator closing). */
    void abort() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        for (LinkPipe pipe : new LinkPipe[] {up, down}) {
            if (pipe != null) {
                pipe.stop();
            }
        }
        closeQuietly(client);
        closeQuietly(server);
    }

    boolean closed() {
        return closed.get();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
