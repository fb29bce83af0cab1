package dev.confab.loadtest;

import dev.confab.meeting.video.StreamStats;

/**
 * What one received camera counted over the measured interval: its totals now less those at the start (a live
 * receiver counts from the moment it joins, so the warm-up is taken off; a replay receiver counts nothing before).
 */
record MeasuredCounts(long framesReceived, long framesLost, long framesDropped, long framesDecoded,
                      long decodeErrors, long bytesReceived) {

    static final MeasuredCounts NONE = new MeasuredCounts(0, 0, 0, 0, 0, 0);

    /** {@code now} less {@code atStart}; {@code atStart} null: the stream began after the start. */
    static MeasuredCounts between(StreamStats atStart, StreamStats now) {
        MeasuredCounts start = atStart == null ? NONE : of(atStart);
        return of(now).minus(start);
    }

    private static MeasuredCounts of(StreamStats s) {
        return new MeasuredCounts(s.framesReceived(), s.framesLost(), s.framesDropped(), s.framesDecoded(),
                s.decodeErrors(), s.bytesReceived());
    }

    MeasuredCounts plus(MeasuredCounts o) {
        return new MeasuredCounts(framesReceived + o.framesReceived, framesLost + o.framesLost,
                framesDropped + o.framesDropped, framesDecoded + o.framesDecoded, decodeErrors + o.decodeErrors,
                bytesReceived + o.bytesReceived);
    }

    private MeasuredCounts minus(MeasuredCounts o) {
        return new MeasuredCounts(framesReceived - o.framesReceived, framesLost - o.framesLost,
                framesDropped - o.framesDropped, framesDecoded - o.framesDecoded, decodeErrors - o.decodeErrors,
                bytesReceived - o.bytesReceived);
    }
}
