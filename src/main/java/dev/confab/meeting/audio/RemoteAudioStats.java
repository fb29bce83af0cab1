package dev.confab.meeting.audio;

/**
 * What one remote participant's audio did, for stats and tests.
 *
 * @param concealed       frames synthesised by packet-loss concealment (lost, late, or a brief underrun)
 * @param latencyP50Millis mouth-to-ear: sender's capture time to the moment this client plays it (loopback
 *                        or synchronised clocks only)
 * @param dominantHz      strongest frequency in the last 200 ms received from this participant (concealment excluded)
 * @param lengthenedMillis sound added by time-stretching (one pitch period at a time) to grow the jitter buffer
 * @param shortenedMillis  sound removed by time-stretching to shrink it
 */
public record RemoteAudioStats(int participantId, long received, long played, long lost, long late, long concealed,
                               double jitterMillis, long targetDelayMillis, double latencyP50Millis,
                               double latencyP95Millis, double dominantHz, long lengthenedMillis,
                               long shortenedMillis) {
}
