package dev.confab.media;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Cameras and microphones through JavaCV's FFmpegFrameGrabber (v4l2 / dshow / avfoundation for video,
 * PulseAudio or ALSA / dshow / avfoundation for sound), plus FFmpeg lavfi test sources that always work.
 */
public final class FfmpegCaptureFactory implements CaptureFactory {
    public static final CaptureDevice SYNTHETIC_CAMERA = new CaptureDevice(DeviceAddress.SYNTHETIC_CAMERA_ID,
            "Test pattern (synthetic, no camera)", CaptureDevice.Kind.CAMERA, true);
    public static final CaptureDevice SYNTHETIC_MICROPHONE = new CaptureDevice(DeviceAddress.SYNTHETIC_MICROPHONE_ID,
            "Test tone 440 Hz (synthetic, no microphone)", CaptureDevice.Kind.MICROPHONE, true);

    /**
     * A synthetic microphone playing a steady tone of {@code hz} (like {@link #SYNTHETIC_MICROPHONE}, which
     * is 440 Hz): participants with different tones can be told apart by what a listener hears.
     */
    public static CaptureDevice syntheticTone(int hz) {
        if (hz < 20 || hz > 20_000) {
            throw new IllegalArgumentException("A tone between 20 and 20000 Hz, not " + hz);
        }
        return new CaptureDevice(DeviceAddress.SYNTHETIC_MICROPHONE_ID + "=frequency=" + hz + ":sample_rate="
                + AudioFrameListener.SAMPLE_RATE + ":samples_per_frame=" + PcmChunker.CHUNK_SAMPLES,
                "Test tone " + hz + " Hz (synthetic, no microphone)", CaptureDevice.Kind.MICROPHONE, true);
    }

    @Override
    public List<CaptureDevice> cameras() {
        List<CaptureDevice> cameras = new ArrayList<>(DeviceLister.cameras());
        cameras.add(SYNTHETIC_CAMERA);
        return List.copyOf(cameras);
    }

    @Override
    public List<CaptureDevice> microphones() {
        List<CaptureDevice> microphones = new ArrayList<>(DeviceLister.microphones());
        microphones.add(SYNTHETIC_MICROPHONE);
        return List.copyOf(microphones);
    }

    @Override
    public Capture openCamera(CaptureDevice device, VideoFormat format, VideoFrameListener listener) throws MediaException {
        requireKind(device, CaptureDevice.Kind.CAMERA);
        CameraCapture capture = new CameraCapture(device, Objects.requireNonNull(format), Objects.requireNonNull(listener));
        capture.open();
        return capture;
    }

    @Override
    public Capture openMicrophone(CaptureDevice device, AudioFrameListener listener) throws MediaException {
        requireKind(device, CaptureDevice.Kind.MICROPHONE);
        MicrophoneCapture capture = new MicrophoneCapture(device, Objects.requireNonNull(listener));
        capture.open();
        return capture;
    }

    private static void requireKind(CaptureDevice device, CaptureDevice.Kind kind) throws MediaException {
        if (device.kind() != kind) {
            throw new MediaException(device.displayName() + " is not a " + kind.name().toLowerCase(java.util.Locale.ROOT));
        }
    }
}
