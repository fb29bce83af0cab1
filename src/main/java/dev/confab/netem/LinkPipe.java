package dev.confab.netem;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * One direction of one proxied connection, in two threads. The reader takes bytes from the source socket only as
 * fast as the {@link Bottleneck} allows and never while the direction is blocked, so the bytes that cannot pass
 * wait in the source's socket buffers and the sender feels back-pressure, as behind a real bottleneck (a proxy
 * cannot drop TCP segments; a full queue shows up as a sender that cannot write). The writer releases each chunk
 * at the moment it left the bottleneck plus the one-way delay, in order, and holds everything while blocked.
 */
final class LinkPipe {

    /** Bytes read but not yet released: the bandwidth-delay product the emulated path holds. */
    private static final int MAX_CHUNKS_IN_FLIGHT = 1024;

    private record Chunk(byte[] bytes, long releaseAt) {
        boolean end() {
            return bytes == null;
        }
    }

    private final Direction direction;
    private final Socket from;
    private final Socket to;
    private final LinkSchedule schedule;
    private final LongAdder delivered;
    private final ProxiedConnection owner;
    private final BlockingQueue<Chunk> inFlight = new ArrayBlockingQueue<>(MAX_CHUNKS_IN_FLIGHT);
    private final Bottleneck bottleneck = new Bottleneck();
    private long lastRelease;
    private volatile Thread writer;
    private volatile boolean stopped;

    LinkPipe(Direction direction, Socket from, Socket to, LinkSchedule schedule, LongAdder delivered,
             ProxiedConnection owner) {
        this.direction = direction;
        this.from = from;
        this.to = to;
        this.schedule = schedule;
        this.delivered = delivered;
        this.owner = owner;
    }

    void start() {
        String name = "link-" + direction.name().toLowerCase(java.util.Locale.ROOT);
        Thread.ofVirtual().name(name + "-read").start(this::readLoop);
        writer = Thread.ofVirtual().name(name + "-write").start(this::writeLoop);
    }

    void stop() {
        stopped = true;
        Thread current = writer;
        if (current != null) {
            current.interrupt();
        }
    }

    private void readLoop() {
        byte[] buffer = new byte[64 * 1024];
        try {
            // Not closed when done: closing a socket's stream closes the socket, which the other direction still uses.
            InputStream in = from.getInputStream();
            while (!stopped) {
                long now = System.nanoTime();
                LinkConditions conditions = schedule.conditions(direction, now);
                if (conditions.blocked()) {
                    pause(now, Long.MAX_VALUE);
                    continue;
                }
                bottleneck.setRate(conditions.rateBitsPerSecond(), now);
                long wait = bottleneck.nanosUntilReadable(now);
                if (wait > 0) {
                    pause(now, wait);
                    continue;
                }
                int n = in.read(buffer, 0, Math.min(buffer.length, bottleneck.readSize()));
                long left = System.nanoTime();
                long delay = schedule.conditions(direction, left).delayNanos();
                if (n < 0) {
                    inFlight.put(new Chunk(null, release(left, delay)));
                    return;
                }
                bottleneck.spend(n, left);
                inFlight.put(new Chunk(Arrays.copyOf(buffer, n), release(left, delay)));
            }
        } catch (IOException e) {
            owner.abort(); // the source reset or the connection was closed: nothing more can be delivered in order
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void writeLoop() {
        try {
            OutputStream out = to.getOutputStream();
            while (!stopped) {
                Chunk chunk = inFlight.take();
                awaitRelease(chunk.releaseAt());
                if (chunk.end()) {
                    to.shutdownOutput(); // the source's FIN, passed on after the same delay as its data
                    owner.directionFinished();
                    return;
                }
                out.write(chunk.bytes());
                delivered.add(chunk.bytes().length);
            }
        } catch (IOException e) {
            owner.abort();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits for the chunk's release time, then for as long as the direction is blocked. */
    private void awaitRelease(long releaseAt) throws InterruptedException {
        while (true) {
            long now = System.nanoTime();
            if (now < releaseAt) {
                pause(now, releaseAt - now);
            } else if (schedule.conditions(direction, now).blocked()) {
                pause(now, Long.MAX_VALUE);
            } else {
                return;
            }
        }
    }

    private void pause(long now, long wanted) throws InterruptedException {
        LockSupport.parkNanos(schedule.pauseBefore(now, wanted));
        if (Thread.interrupted() || stopped) {
            throw new InterruptedException();
        }
    }

    /** Arrival + delay, never before the previous chunk: a shorter delay must not reorder the stream. */
    private long release(long left, long delay) {
        lastRelease = Math.max(lastRelease, left + delay);
        return lastRelease;
    }
}
