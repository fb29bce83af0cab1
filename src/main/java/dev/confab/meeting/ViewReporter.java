package dev.confab.meeting;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Coalesces what this client shows into {@code view} messages (docs/protocol.md section 6.2): the latest state, at
 * most one message per {@link #INTERVAL} (a window being resized or pages flipped through changes it many times a
 * second; each message makes the server recompute every sender's target and ask for keyframes), nothing while it is
 * unchanged, nothing at all before the first {@link #show} (never sending means every camera), and the latest again
 * at once after every join or resume. Confined to one thread, the session's event thread; the clock and the timer
 * are handed in, so tests drive time themselves.
 */
final class ViewReporter {

    static final Duration INTERVAL = Duration.ofMillis(250);

    /** Runs {@code task} on the reporter's thread after {@code delayNanos}. */
    interface Timer {
        void after(long delayNanos, Runnable task);
    }

    private final Consumer<List<ShownCamera>> send;
    private final LongSupplier nanoTime;
    private final Timer timer;
    private List<ShownCamera> wanted;
    /** What the server was last sent on this connection; null: nothing yet. */
    private List<ShownCamera> sent;
    private long sentAtNanos;
    private boolean flushScheduled;

    ViewReporter(Consumer<List<ShownCamera>> send, LongSupplier nanoTime, Timer timer) {
        this.send = send;
        this.nanoTime = nanoTime;
        this.timer = timer;
    }

    /** The cameras shown from now on: sent now, or when the interval since the last message is over. */
    void show(List<ShownCamera> cameras) {
        wanted = List.copyOf(cameras);
        sendIfDue();
    }

    /** Joined or resumed on a new connection: the latest view (if any) goes out at once. */
    void joined() {
        sent = null;
        sendIfDue();
    }

    private void sendIfDue() {
        if (wanted == null || wanted.equals(sent) || (flushScheduled && sent != null)) {
            return;
        }
        long now = nanoTime.getAsLong();
        long wait = sentAtNanos + INTERVAL.toNanos() - now;
        if (sent == null || wait <= 0) {
            sent = wanted;
            sentAtNanos = now;
            send.accept(wanted);
        } else if (!flushScheduled) {
            flushScheduled = true;
            timer.after(wait, () -> {
                flushScheduled = false;
                sendIfDue();
            });
        }
    }
}
