package dev.confab.server;

import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts the open TCP connections from each remote address, from accept (before TLS and the WebSocket
 * upgrade) to close, and decides whether one more may come in. Beyond the limit a few more are let through
 * so that a real client learns why it is refused (close 1013 with a reason once upgraded); beyond those,
 * connections are dropped at accept, so silent sockets cannot pile up.
 */
final class ConnectionsPerAddress {

    /** What to do with a new connection. */
    enum Admission {
        /** Within the limit. */
        ADMITTED,
        /** Over the limit: counted, upgraded only to be closed with a reason. */
        OVER_LIMIT,
        /** Far over the limit: not counted, closed at once. */
        REFUSED
    }

    /** Over-limit connections per address that are kept long enough to be told why. */
    static final int REFUSAL_SLOTS = 5;

    private final int limit;
    /** Keyed by {@link AddressGroup}: an IPv6 /64 counts as one address. */
    private final ConcurrentHashMap<String, Integer> open = new ConcurrentHashMap<>();

    ConnectionsPerAddress(int limit) {
        this.limit = limit;
    }

    int limit() {
        return limit;
    }

    /** Decides about a new connection from {@code address}; unless REFUSED it must be {@link #release}d later. */
    Admission admit(InetAddress address) {
        Admission[] decision = new Admission[1];
        open.compute(AddressGroup.of(address), (key, count) -> {
            int now = count == null ? 0 : count;
            if (now >= limit + REFUSAL_SLOTS) {
                decision[0] = Admission.REFUSED;
                return count;
            }
            decision[0] = now >= limit ? Admission.OVER_LIMIT : Admission.ADMITTED;
            return now + 1;
        });
        return decision[0];
    }

    /** A connection admitted from {@code address} has closed. */
    void release(InetAddress address) {
        open.computeIfPresent(AddressGroup.of(address), (key, count) -> count > 1 ? count - 1 : null);
    }

    /** Open connections from {@code address} (for tests and logs). */
    int openFrom(InetAddress address) {
        return open.getOrDefault(AddressGroup.of(address), 0);
    }
}
