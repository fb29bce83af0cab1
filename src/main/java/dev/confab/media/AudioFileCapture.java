package dev.confab.media;

import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;

import java.nio.ShortBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An audio file played as if it were a microphone: decoded and resampled by FFmpeg to 48 kHz mono s16,
 * cut into 20 ms chunks, released in real time and looped, each chunk stamped when it is released. For
 * bots and demos where no microphone exists but speech (not a tone) is wanted.
 */
public final class AudioFileCapture extends GrabberCapture {
    private final Path file;
    private final PcmChunker chunker;

    private AudioFileCapture(Path file, AudioFrameListener listener) {
        super(new CaptureDevice("file:" + file, "Audio file " + file.getFileName(), CaptureDevice.Kind.MICROPHONE, true),
                "audio-file-capture");
        this.file = file;
        RealTimePacer pacer = RealTimePacer.framesPerSecond(50);
        this.chunker = new PcmChunker((pcm, count, ignored) -> {
            pacer.awaitNextSlot();
            listener.onSamples(pcm, count, Ffmpeg.nowMicros());
        });
    }

    /** Starts playing {@code file} in a loop to {@code listener}; fails if it is missing or not audio. */
    public static Capture open(Path file, AudioFrameListener listener) throws MediaException {
        if (!Files.isRegularFile(file)) {
            throw new MediaException("No audio file at " + file);
        }
        AudioFileCapture capture = new AudioFileCapture(file, listener);
        capture.open();
        return capture;
    }

    @Override
    FFmpegFrameGrabber createGrabber() {
        FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile());
        grabber.setSampleRate(AudioFrameListener.SAMPLE_RATE);
        grabber.setAudioChannels(1);
        grabber.setSampleFormat(avutil.AV_SAMPLE_FMT_S16);
        return grabber;
    }

    @Override
    void afterStart(FFmpegFrameGrabber grabber) {
        if (!grabber.hasAudio()) {
            throw new IllegalStateException(file.getFileName() + " has no audio");
        }
    }

    @Override
    boolean deliverNext(FFmpegFrameGrabber grabber) throws Exception {
        Frame frame = grabber.grabSamples();
        if (frame == null) {
            grabber.setTimestamp(0); // loop
            return true;
        }
        if (frame.samples != null) {
            ShortBuffer samples = ((ShortBuffer) frame.samples[0]).duplicate();
            safely(() -> chunker.accept(samples, 0));
        }
        return true;
    }

    @Override
    String openFailureMessage() {
        return "Cannot play the audio file " + file.getFileName();
    }
}
