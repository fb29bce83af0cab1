package dev.confab.meeting.audio;

import dev.confab.protocol.flow.TransitBaseline;

import java.util.ArrayDeque;

/**
 * The highest lateness among one sender's recent packets: how much longer than the quickest packet of the last
 * 5–10 s each took to arrive (the clocks' offset cancels out). A link that delivers sound behind a burst of
 * video, or that has just narrowed, delays packets in spikes; the jitter average of RFC 3550 forgets a spike
 * within a few packets, so a buffer sized from it alone runs dry at the next spike again. Sized from the peak of
 * the last {@value #PEAK_WINDOW_MICROS} µs as well, the buffer rides out the repeats and shrinks once they stop
 * (like WebRTC NetEQ's peak detector). Not thread-safe: the jitter buffer's lock guards it.
 */
final class DelayPeak {

    static final long PEAK_WINDOW_MICROS = 3_000_000;
    private final TransitBaseline baseline = new TransitBaseline();
    /** (arrival, lateness) pairs, lateness strictly decreasing: the sliding window's maximum is the first. */
    private final ArrayDeque<long[]> window = new ArrayDeque<>();

    void arrived(long captureMicros, long arrivalMicros) {
        long lateness = baseline.lateness(captureMicros, arrivalMicros);
        while (!window.isEmpty() && window.peekLast()[1] <= lateness) {
            window.pollLast();
        }
        window.addLast(new long[]{arrivalMicros, lateness});
        while (window.peekFirst()[0] < arrivalMicros - PEAK_WINDOW_MICROS) {
            window.pollFirst();
        }
    }

    /** The highest lateness within the window before the latest arrival, µs (0 before any packet). */
    long peakMicros() {
        return window.isEmpty() ? 0 : window.peekFirst()[1];
    }
}
