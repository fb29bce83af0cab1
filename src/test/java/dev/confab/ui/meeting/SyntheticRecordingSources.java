package dev.confab.ui.meeting;

import dev.confab.media.AudioFrameListener;
import dev.confab.media.VideoFrameListener;

import java.nio.ByteBuffer;
import java.time.Instant;

/**
 * A real picture and sound feed for recording tests: 320x180 moving BGRA pictures at 30 fps and a 440 Hz
 * tone in 20 ms chunks, stamped with the wall clock like decoded remote media, from its own thread.
 */
public final class SyntheticRecordingSources implements RecordingSources {

    @Override
    public Feed attach(VideoFrameListener video, AudioFrameListener audio) {
        Thread thread = Thread.ofPlatform().daemon().name("synthetic-recording-feed").start(() -> feed(video, audio));
        return () -> {
            thread.interrupt();
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }

    private static void feed(VideoFrameListener video, AudioFrameListener audio) {
        int width = 320;
        int height = 180;
        ByteBuffer picture = ByteBuffer.allocateDirect(width * height * 4);
        short[] tone = new short[960];
        long sample = 0;
        for (int tick = 0; !Thread.currentThread().isInterrupted(); tick++) {
            long now = micros();
            if (tick % 3 == 0) { // 20 ms ticks: a picture every 60 ms is plenty for the recorder's 30 fps slots
                for (int i = 0; i < width * height; i++) {
                    int x = i % width;
                    picture.put(i * 4, (byte) (x + tick)).put(i * 4 + 1, (byte) (i / width * 2)).put(i * 4 + 2, (byte) 90)
                            .put(i * 4 + 3, (byte) 255);
                }
                video.onFrame(width, height, width * 4, picture, now);
            }
            for (int i = 0; i < tone.length; i++, sample++) {
                tone[i] = (short) (8000 * Math.sin(2 * Math.PI * 440 * sample / 48_000.0));
            }
            audio.onSamples(tone, tone.length, now);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static long micros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }
}
