package dev.confab.protocol.flow;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One thread that keeps media moving on connections whose socket was full: the WebSocket library gives no
 * signal when its send buffer has drained, so each backlogged connection is pumped every
 * {@value #TICK_MILLIS} ms until it reports no backlog. The thread sleeps while no connection is backlogged,
 * so idle connections cost no wake-ups. The sender pumps a connection itself whenever it queues a frame, so a
 * connection that keeps up never waits for this thread.
 */
public final class PumpThread implements AutoCloseable {

    /** A connection's pump: hands on what its socket can take; true while something still waits. */
    @FunctionalInterface
    public interface Pumped {
        boolean pump();
    }

    static final int TICK_MILLIS = 5;

    private final Set<Pumped> backlogged = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final ScheduledExecutorService thread;

    public PumpThread(String name) {
        thread = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name(name).factory());
    }

    /** {@code connection} has media waiting that its socket could not take yet. Pass the same object each time. */
    public void backlogged(Pumped connection) {
        backlogged.add(connection);
        scheduleTick();
    }

    private void scheduleTick() {
        if (!backlogged.isEmpty() && scheduled.compareAndSet(false, true) && !thread.isShutdown()) {
            thread.schedule(this::tick, TICK_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    private void tick() {
        for (Pumped connection : backlogged) {
            if (!connection.pump()) {
                backlogged.remove(connection);
            }
        }
        scheduled.set(false);
        scheduleTick(); // also covers a connection added while this tick ran
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
