package dev.confab.ui.meeting;

import dev.confab.media.VideoFrameListener;

import java.nio.ByteBuffer;

/**
 * Decides which pictures feed the local recording: the shared screen while a share is on the main stage,
 * otherwise the camera of whoever is on stage (the active speaker). Camera and share pictures are offered
 * here on their decoder and capture threads; only those of the current source reach the recorder, in the
 * calling thread, so nothing waits and no picture crosses to the FX thread. The stage owners (the FX thread)
 * only move the choice with {@link #showSpeaker} and {@link #showShare}.
 *
 * <p>The recorder scales any picture size into its own frame, so switching between a 640x360 camera and a
 * 1920x1080 screen needs nothing here.
 */
public final class RecordingPictureSwitch {
    /** No participant: no share on stage, or nobody's camera chosen yet. */
    public static final int NOBODY = -1;

    private volatile VideoFrameListener recorder;
    private volatile int speaker = NOBODY;
    private volatile int sharer = NOBODY;

    /** Starts handing the current source's pictures to {@code target}; null stops. */
    public void feed(VideoFrameListener target) {
        recorder = target;
    }

    /** The participant whose camera is recorded while no share is on stage (any id scheme the caller uses). */
    public void showSpeaker(int participantId) {
        speaker = participantId;
    }

    /** The share on the main stage, or {@link #NOBODY} when the stage shows cameras again. */
    public void showShare(int sharerId) {
        sharer = sharerId;
    }

    /** The participant whose pictures are recorded now, and whether they are a shared screen. */
    public Source source() {
        int shown = sharer;
        return shown != NOBODY ? new Source(shown, true) : new Source(speaker, false);
    }

    /**
     * The remote participant whose camera is being recorded now, or {@link #NOBODY} (not recording, a share on stage,
     * or one's own camera, {@code 0}): the meeting must receive that camera even when no tile shows it.
     */
    public int recordedCamera() {
        int shown = speaker;
        return recorder != null && sharer == NOBODY && shown > 0 ? shown : NOBODY;
    }

    /** Who feeds the recording: {@code participantId}'s screen when {@code screen}, else their camera. */
    public record Source(int participantId, boolean screen) {
    }

    /** A camera picture of {@code participantId}; recorded when that camera is the source. Any thread. */
    public void onCameraPicture(int participantId, int width, int height, int stride, ByteBuffer bgra,
                                long captureTimeMicros) {
        if (sharer == NOBODY && speaker == participantId) {
            forward(width, height, stride, bgra, captureTimeMicros);
        }
    }

    /** A picture of {@code sharerId}'s shared screen; recorded while that share is on stage. Any thread. */
    public void onSharePicture(int sharerId, int width, int height, int stride, ByteBuffer bgra,
                               long captureTimeMicros) {
        if (sharer == sharerId && sharerId != NOBODY) {
            forward(width, height, stride, bgra, captureTimeMicros);
        }
    }

    private void forward(int width, int height, int stride, ByteBuffer bgra, long captureTimeMicros) {
        VideoFrameListener target = recorder;
        if (target != null) {
            target.onFrame(width, height, stride, bgra.duplicate().position(0), captureTimeMicros);
        }
    }
}
