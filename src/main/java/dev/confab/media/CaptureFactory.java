package dev.confab.media;

import java.util.List;

/**
 * The only way the app touches cameras, microphones and screens. The UI receives one instance; the
 * "nothing is opened before consent" guarantee is tested by handing the UI a factory that records calls.
 */
public interface CaptureFactory {
    /** Real cameras first, then the synthetic test pattern (always present). */
    List<CaptureDevice> cameras();

    /** Real microphones first, then the synthetic tone (always present). */
    List<CaptureDevice> microphones();

    /** Starts capturing on a media thread; frames go to {@code listener} until the capture is closed. */
    Capture openCamera(CaptureDevice device, VideoFormat format, VideoFrameListener listener) throws MediaException;

    Capture openMicrophone(CaptureDevice device, AudioFrameListener listener) throws MediaException;
}
