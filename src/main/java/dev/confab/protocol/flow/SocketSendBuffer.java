package dev.confab.protocol.flow;

import java.util.function.IntConsumer;

/**
 * Keeps the operating system's send buffer of a connection to about {@value #HOLD_MILLIS} ms at the rate the
 * connection drains. Left alone, the kernel grows it to megabytes (Linux: up to 4 MiB), and whatever sits
 * there is sent first in, first out: the {@link MediaSendQueue} would see a fast socket while audio waited
 * seconds behind video in the kernel. The buffer has to hold what is in flight (rate x round trip), so it
 * follows the measured rate instead of being fixed: a rate measured through a buffer that is too small for the
 * round trip is still above {@code buffer / }{@value #HOLD_MILLIS}{@code  ms} whenever the round trip is
 * shorter, so the buffer grows until the link, not the buffer, limits the rate.
 */
public final class SocketSendBuffer {

    static final int HOLD_MILLIS = 200;
    static final int START_BYTES = 64 * 1024;
    static final int MIN_BYTES = 16 * 1024;
    static final int MAX_BYTES = 1024 * 1024;

    private final IntConsumer apply;
    private int current;

    /** @param apply sets the socket's send buffer (SO_SNDBUF); called at once with the starting size */
    public SocketSendBuffer(IntConsumer apply) {
        this.apply = apply;
        set(START_BYTES);
    }

    /** The connection's measured drain rate (NaN while unknown): resizes when it moved by more than a quarter. */
    public synchronized void follow(double bytesPerSecond) {
        if (Double.isNaN(bytesPerSecond)) {
            return;
        }
        int wanted = (int) Math.clamp((long) (bytesPerSecond * HOLD_MILLIS / 1000), MIN_BYTES, MAX_BYTES);
        if (Math.abs(wanted - current) > current / 4) {
            set(wanted);
        }
    }

    public synchronized int bytes() {
        return current;
    }

    private void set(int bytes) {
        current = bytes;
        apply.accept(bytes);
    }
}
