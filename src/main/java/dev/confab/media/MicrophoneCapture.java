package dev.confab.media;

import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;

import java.nio.ShortBuffer;
import java.util.Map;

/**
 * A microphone (or the synthetic 440 Hz tone) resampled by FFmpeg to 48 kHz mono s16 and re-cut into
 * 20 ms chunks of 960 samples.
 */
final class MicrophoneCapture extends GrabberCapture {
    static final int TONE_HZ = 440;

    private final DeviceAddress address;
    private final PcmChunker chunker;
    private final RealTimePacer pacer;
    private final String failureMessage;
    private final Map<String, String> options;

    MicrophoneCapture(CaptureDevice device, AudioFrameListener listener) {
        this(device, listener, "microphone-capture", "Microphone " + device.displayName() + " is busy or missing", Map.of());
    }

    /** Any audio input FFmpeg reads like a microphone (e.g. the sound server's monitor: {@link ComputerSoundCapture}). */
    MicrophoneCapture(CaptureDevice device, AudioFrameListener listener, String threadName, String failureMessage,
                      Map<String, String> options) {
        super(device, threadName);
        this.failureMessage = failureMessage;
        this.options = Map.copyOf(options);
        this.address = DeviceAddress.of(device);
        this.chunker = new PcmChunker(listener);
        this.pacer = address.synthetic() ? RealTimePacer.framesPerSecond(50) : null;
    }

    @Override
    FFmpegFrameGrabber createGrabber() {
        FFmpegFrameGrabber grabber;
        if (address.synthetic() && address.url().contains("=")) {
            // A complete lavfi source (e.g. the demo's talking tones): it must make 20 ms frames itself.
            grabber = new FFmpegFrameGrabber(address.url());
        } else if (address.synthetic()) {
            // One lavfi frame per 20 ms chunk, so pacing per frame is pacing in real time.
            grabber = new FFmpegFrameGrabber(address.url() + "=frequency=" + TONE_HZ + ":sample_rate="
                    + AudioFrameListener.SAMPLE_RATE + ":samples_per_frame=" + PcmChunker.CHUNK_SAMPLES);
        } else {
            grabber = new FFmpegFrameGrabber(address.url().isEmpty() ? "default" : address.url());
        }
        grabber.setFormat(address.format());
        grabber.setOptions(options);
        grabber.setSampleRate(AudioFrameListener.SAMPLE_RATE);
        grabber.setAudioChannels(1);
        grabber.setSampleFormat(avutil.AV_SAMPLE_FMT_S16);
        return grabber;
    }

    @Override
    boolean deliverNext(FFmpegFrameGrabber grabber) throws Exception {
        Frame frame = grabber.grabSamples();
        if (frame == null) {
            return false;
        }
        if (frame.samples == null) {
            return true;
        }
        if (pacer != null) {
            pacer.awaitNextSlot();
        }
        long captureTime = Ffmpeg.nowMicros();
        ShortBuffer samples = ((ShortBuffer) frame.samples[0]).duplicate();
        safely(() -> chunker.accept(samples, captureTime));
        return true;
    }

    @Override
    String openFailureMessage() {
        return failureMessage;
    }
}
