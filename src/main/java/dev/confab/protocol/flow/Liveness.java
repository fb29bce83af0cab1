package dev.confab.protocol.flow;

import java.time.Duration;

/**
 * The keep-alive rule of both ends: a connection that still delivers bytes is alive. Any inbound frame —
 * media, a message, a ping or a pong — counts, because on a congested link the pong to our last ping may be
 * queued behind seconds of media while the connection is plainly working. Only a connection that delivered
 * nothing at all for {@code deadAfter} is declared lost. Pings go out every {@code pingEvery} so that an idle
 * but healthy connection still delivers something (the peer answers with a pong). Times are
 * {@link System#nanoTime()} values; thread-safe.
 */
public final class Liveness {

    /** What the connection's timer should do now. */
    public enum Action { NOTHING, PING, DEAD }

    private final long deadAfterNanos;
    private final long pingEveryNanos;
    private volatile long lastHeard;
    private volatile long lastPing;

    public Liveness(Duration deadAfter, Duration pingEvery, long nowNanos) {
        if (!pingEvery.isPositive() || deadAfter.compareTo(pingEvery) <= 0) {
            throw new IllegalArgumentException("deadAfter must be longer than pingEvery (> 0)");
        }
        this.deadAfterNanos = deadAfter.toNanos();
        this.pingEveryNanos = pingEvery.toNanos();
        this.lastHeard = nowNanos;
        this.lastPing = nowNanos;
    }

    /** Something arrived from the peer. */
    public void heard(long nowNanos) {
        lastHeard = nowNanos;
    }

    /** Called by the connection's timer; a {@link Action#PING} is counted as sent. */
    public Action check(long nowNanos) {
        if (nowNanos - lastHeard >= deadAfterNanos) {
            return Action.DEAD;
        }
        if (nowNanos - lastPing >= pingEveryNanos) {
            lastPing = nowNanos;
            return Action.PING;
        }
        return Action.NOTHING;
    }

    /** Time since the peer was last heard from. */
    public Duration silentFor(long nowNanos) {
        return Duration.ofNanos(nowNanos - lastHeard);
    }
}
