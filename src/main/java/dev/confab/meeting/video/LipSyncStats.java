package dev.confab.meeting.video;

/**
 * How well one participant's camera followed their sound ({@link LipSyncGate}).
 *
 * @param framesShownWithSound pictures shown while the participant's sound was playing or briefly paused
 *                             (the others have nothing to be in sync with)
 * @param framesHeld           of those, pictures that waited for the sound to catch up
 * @param framesOutOfSync      pictures shown more than 20 ms ahead of or 45 ms behind the sound
 * @param offsetP50Millis      |video capture time − capture time of the sound heard| when shown, median
 * @param offsetP95Millis      the same, 95th percentile ({@code NaN} when nothing was shown with sound)
 */
public record LipSyncStats(long framesShownWithSound, long framesHeld, long framesOutOfSync, double offsetP50Millis,
                           double offsetP95Millis) {
}
