package dev.confab.meeting.video;

/**
 * What a tile's stats overlay shows for one remote stream. Rates cover the last second; latencies are
 * capture timestamp → event, over the whole stream ({@code NaN} before the first sample).
 *
 * @param framesReceived   frames that arrived from the server
 * @param framesLost       sequence numbers that never arrived (dropped by the server or the sender's uplink)
 * @param framesDropped    frames this client skipped: decoder backlog or waiting for a keyframe
 * @param framesDecoded    pictures the decoder produced
 * @param decodeErrors     packets the decoder rejected
 * @param arrivalP50Millis capture → arrival here (network and relay, plus the sender's encode time)
 * @param latencyP50Millis capture → decoded picture ("glass to glass" minus display)
 */
public record StreamStats(int width, int height, double fps, double kbps, long bytesReceived, long framesReceived,
                          long framesLost,
                          long framesDropped, long framesDecoded, long decodeErrors, long keyframeRequests,
                          double arrivalP50Millis, double arrivalP95Millis, double arrivalP99Millis,
                          double latencyP50Millis, double latencyP95Millis, double latencyP99Millis,
                          double recentLossPercent, long millisSinceLastFrame) {

    /**
     * Network-quality bars 0..4 for the tile: 4 = good; one bar off for noticeable loss, latency or a low
     * frame rate, two for severe; 0 when nothing arrived for 3 seconds.
     */
    public int bars() {
        if (framesReceived == 0 || millisSinceLastFrame > 3000) {
            return 0;
        }
        int bars = 4;
        bars -= recentLossPercent > 10 ? 2 : recentLossPercent > 2 ? 1 : 0;
        double latency = Double.isNaN(latencyP95Millis) ? arrivalP95Millis : latencyP95Millis;
        bars -= latency > 400 ? 2 : latency > 150 ? 1 : 0;
        bars -= fps < 10 ? 2 : fps < 20 ? 1 : 0;
        return Math.clamp(bars, 1, 4);
    }
}
