package dev.confab.meeting.e2ee;

/**
 * The counters of one sender key already opened, so a frame the server sends twice plays once (RFC 9605
 * section 9.3 leaves replay protection to the application). Frames of one key reach a receiver a little out of
 * counter order — audio overtakes video at the server, and only one camera layer of three is forwarded — so a
 * window of the last {@link #SIZE} counters is remembered; anything older is refused too. Guarded by its key ring.
 */
final class ReplayWindow {

    static final int SIZE = 1024;

    private final long[] seen = new long[SIZE / 64];
    private long highest = -1;

    /** Records {@code ctr}; false when it was seen before or is too old to tell. Call only for authenticated frames. */
    boolean firstTime(long ctr) {
        if (ctr > highest) {
            for (long c = Math.max(highest + 1, ctr - SIZE + 1); c < ctr; c++) {
                clear(c); // the window slides: forget the slots of counters that never came
            }
            highest = ctr;
            set(ctr);
            return true;
        }
        if (highest - ctr >= SIZE || isSet(ctr)) {
            return false;
        }
        set(ctr);
        return true;
    }

    private int slot(long ctr) {
        return (int) Math.floorMod(ctr, (long) SIZE);
    }

    private void set(long ctr) {
        seen[slot(ctr) >>> 6] |= 1L << (slot(ctr) & 63);
    }

    private void clear(long ctr) {
        seen[slot(ctr) >>> 6] &= ~(1L << (slot(ctr) & 63));
    }

    private boolean isSet(long ctr) {
        return (seen[slot(ctr) >>> 6] & (1L << (slot(ctr) & 63))) != 0;
    }
}
