package dev.confab.meeting.audio;

import dev.confab.media.AudioFrameListener;
import dev.confab.media.MediaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/** Choosing where received sound is played: the device picker's list, and opening with a fallback. */
public final class AudioOutputs {
    private static final Logger log = LoggerFactory.getLogger(AudioOutputs.class);

    private AudioOutputs() {
    }

    /** Names of the output devices for a picker; empty where the machine has none. */
    public static List<String> deviceNames() {
        return JavaSoundOutput.deviceNames();
    }

    /**
     * Opens {@code deviceName} (null = system default). A named device that is gone (unplugged, renamed, another
     * machine's remembered choice) falls back to the system default; where that fails too, because the machine has
     * no sound output at all, the sound is discarded in real time instead ({@link NullAudioOutput}) so the meeting
     * goes on. {@link AudioOutput#description()} says which was opened: the device's name, or another text.
     */
    public static AudioOutput openOrDiscard(String deviceName) {
        if (deviceName != null) {
            try {
                return JavaSoundOutput.open(deviceName);
            } catch (MediaException e) {
                log.warn("{}; using the system default output instead", e.getMessage());
            }
        }
        try {
            return JavaSoundOutput.open(null);
        } catch (MediaException e) {
            log.warn("{}; received sound will not be played", e.getMessage());
            return new NullAudioOutput();
        }
    }

    /**
     * Plays a short two-note chime on {@code deviceName} (null = system default) so the user can hear which
     * speaker is chosen. Blocks for about half a second: call it off the FX thread.
     *
     * @throws MediaException when that output cannot be opened
     */
    public static void playTestChime(String deviceName) throws MediaException, InterruptedException {
        JavaSoundOutput output = JavaSoundOutput.open(deviceName);
        try {
            short[] frame = new short[CHIME_FRAME];
            int frames = CHIME_MILLIS / 20;
            for (int n = 0; n < frames; n++) {
                chimeFrame(frame, n, frames);
                output.awaitRoom(frame.length);
                output.write(frame, frame.length);
            }
            while (output.bufferedMicros() > 0) {
                Thread.sleep(5); // let the device play out what is queued before the line closes
            }
        } finally {
            output.close();
        }
    }

    private static final int CHIME_FRAME = AudioFrameListener.SAMPLE_RATE / 50;
    private static final int CHIME_MILLIS = 500;

    /** Frame {@code n} of {@code frames}: 660 Hz, then 880 Hz, faded in and out so nothing clicks. */
    static void chimeFrame(short[] frame, int n, int frames) {
        double hz = n < frames / 2 ? 660 : 880;
        int total = frames * frame.length;
        for (int i = 0; i < frame.length; i++) {
            int sample = n * frame.length + i;
            double t = (double) sample / AudioFrameListener.SAMPLE_RATE;
            double fade = Math.min(1, Math.min(sample, total - sample) / (AudioFrameListener.SAMPLE_RATE * 0.02));
            frame[i] = (short) (Math.sin(2 * Math.PI * hz * t) * fade * 0.25 * Short.MAX_VALUE);
        }
    }
}
