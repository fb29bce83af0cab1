package dev.confab.server;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps media moving to receivers whose socket was full: the library gives no signal when its send buffer has
 * drained, so connections with frames still waiting in their {@code MediaSendQueue} are pumped every
 * {@value #TICK_MILLIS} ms on one thread ("confab-relay-pump") until their queue is empty. The relay pumps
 * a receiver itself whenever it queues a frame, so an uncongested receiver never waits for this thread.
 */
final class RelayPump implements AutoCloseable {

    static final int TICK_MILLIS = 5;

    private final Set<ClientConnection> backlogged = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService thread =
            Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("confab-relay-pump").factory());

    RelayPump() {
        thread.scheduleWithFixedDelay(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** {@code connection} has frames waiting that its socket could not take yet. */
    void backlogged(ClientConnection connection) {
        backlogged.add(connection);
    }

    private void tick() {
        for (ClientConnection connection : backlogged) {
            if (!connection.isOpen() || !connection.pumpMedia()) {
                backlogged.remove(connection);
            }
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
