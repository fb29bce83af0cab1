package dev.confab.meeting.audio;

import dev.confab.media.AudioFrameListener;
import dev.confab.media.MediaException;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.Mixer;
import javax.sound.sampled.SourceDataLine;
import java.util.ArrayList;
import java.util.List;

/**
 * Speakers or headphones through javax.sound: a {@link SourceDataLine} at 48 kHz mono 16-bit with a
 * 40 ms buffer (short enough for conversation, long enough to ride out a late mixer tick). javax.sound is
 * in the JDK, reaches the OS mixer on Linux (ALSA/PulseAudio), Windows (DirectSound/WASAPI) and macOS
 * (CoreAudio), and lists output devices by name, so no native library is needed for playback.
 */
public final class JavaSoundOutput implements AudioOutput {
    static final AudioFormat FORMAT = new AudioFormat(AudioFrameListener.SAMPLE_RATE, 16, 1, true, false);
    private static final int BUFFER_BYTES = AudioFrameListener.SAMPLE_RATE / 1000 * 40 * 2;

    private final SourceDataLine line;
    private final String description;
    private byte[] bytes = new byte[0];

    private JavaSoundOutput(SourceDataLine line, String description) {
        this.line = line;
        this.description = description;
    }

    /** Output devices that can play 48 kHz mono 16-bit, by the names {@link #open} accepts. */
    public static List<String> deviceNames() {
        List<String> names = new ArrayList<>();
        DataLine.Info wanted = new DataLine.Info(SourceDataLine.class, FORMAT);
        for (Mixer.Info info : AudioSystem.getMixerInfo()) {
            try {
                if (AudioSystem.getMixer(info).isLineSupported(wanted)) {
                    names.add(info.getName());
                }
            } catch (RuntimeException e) {
                // A broken driver must not hide the other devices.
            }
        }
        return List.copyOf(names);
    }

    /** Opens the named device, or the system default when {@code deviceName} is null. */
    public static JavaSoundOutput open(String deviceName) throws MediaException {
        DataLine.Info wanted = new DataLine.Info(SourceDataLine.class, FORMAT);
        try {
            SourceDataLine line;
            String description;
            if (deviceName == null) {
                line = (SourceDataLine) AudioSystem.getLine(wanted);
                description = "System default output";
            } else {
                Mixer.Info info = findMixer(deviceName);
                line = (SourceDataLine) AudioSystem.getMixer(info).getLine(wanted);
                description = info.getName();
            }
            line.open(FORMAT, BUFFER_BYTES);
            line.start();
            return new JavaSoundOutput(line, description);
        } catch (LineUnavailableException | IllegalArgumentException | SecurityException e) {
            throw new MediaException("Cannot play sound on " + (deviceName == null ? "the default output" : deviceName)
                    + ": " + e.getMessage(), e);
        }
    }

    private static Mixer.Info findMixer(String name) {
        for (Mixer.Info info : AudioSystem.getMixerInfo()) {
            if (info.getName().equals(name)) {
                return info;
            }
        }
        throw new IllegalArgumentException("no such output device");
    }

    @Override
    public void awaitRoom(int count) throws InterruptedException {
        while (line.available() < count * 2) {
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000); // javax.sound has no room callback
        }
    }

    @Override
    public void write(short[] pcm, int count) {
        if (bytes.length < count * 2) {
            bytes = new byte[count * 2];
        }
        for (int i = 0; i < count; i++) {
            bytes[2 * i] = (byte) pcm[i];
            bytes[2 * i + 1] = (byte) (pcm[i] >> 8);
        }
        line.write(bytes, 0, count * 2); // blocks while the device buffer is full: our real-time clock
    }

    @Override
    public long bufferedMicros() {
        int queuedBytes = line.getBufferSize() - line.available();
        return queuedBytes / 2 * 1_000_000L / AudioFrameListener.SAMPLE_RATE;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public void close() {
        line.stop();
        line.flush();
        line.close();
    }
}
