package dev.confab.meeting.audio;

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
     * Opens {@code deviceName} (null = system default). Where that fails, because the device went away or
     * the machine has no sound output at all, the sound is discarded in real time instead
     * ({@link NullAudioOutput}) so the meeting goes on; {@link AudioOutput#description()} says which.
     */
    public static AudioOutput openOrDiscard(String deviceName) {
        try {
            return JavaSoundOutput.open(deviceName);
        } catch (MediaException e) {
            log.warn("{}; received sound will not be played", e.getMessage());
            return new NullAudioOutput();
        }
    }
}
