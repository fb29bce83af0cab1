package dev.confab.media;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Synthetic meeting input for recording tests and the benchmark: moving BGRA pictures at 30 fps and a
 * 440 Hz tone in 20 ms chunks, pushed in capture-time order either as fast as possible (the timestamps are
 * what a recording follows) or paced in real time. A short cycle of pictures is prepared up front so
 * making input costs next to nothing.
 */
public final class SyntheticMeetingFeed {
    public static final int FPS = 30;
    public static final double TONE_HZ = 440;
    private static final int CHUNK = AudioEncoder.FRAME_SAMPLES;
    private static final int CYCLE = 30;

    private final int width;
    private final int height;
    private final List<ByteBuffer> pictures = new ArrayList<>();
    private final short[] tone = Signals.sine(TONE_HZ, 0.3, AudioFrameListener.SAMPLE_RATE);

    public SyntheticMeetingFeed(int width, int height) {
        this(width, height, grainyPictures(width, height));
    }

    /** Feeds {@code pictures} (BGRA, {@code width * 4} bytes per row) in a loop. */
    public SyntheticMeetingFeed(int width, int height, List<ByteBuffer> pictures) {
        if (pictures.isEmpty()) {
            throw new IllegalArgumentException("no pictures");
        }
        this.width = width;
        this.height = height;
        this.pictures.addAll(pictures);
    }

    private static List<ByteBuffer> grainyPictures(int width, int height) {
        TestPictures source = new TestPictures(width, height);
        List<ByteBuffer> cycle = new ArrayList<>();
        for (int i = 0; i < CYCLE; i++) {
            cycle.add(source.picture(i));
        }
        return cycle;
    }

    /** The cycle of pictures fed, in order. */
    public List<ByteBuffer> pictures() {
        return List.copyOf(pictures);
    }

    public ByteBuffer firstPicture() {
        return pictures.getFirst();
    }

    /** Pushes {@code seconds} of input starting at capture time {@code startMicros}. */
    public void feed(VideoFrameListener video, AudioFrameListener audio, double seconds, long startMicros, boolean realTime) {
        long frames = Math.round(seconds * FPS);
        long chunks = Math.round(seconds * 50);
        long startNanos = System.nanoTime();
        short[] chunk = new short[CHUNK];
        long frame = 0;
        long audioChunk = 0;
        while (frame < frames || audioChunk < chunks) {
            long frameMicros = frame * 1_000_000 / FPS;
            long chunkMicros = audioChunk * 20_000;
            boolean pictureNext = frame < frames && (audioChunk >= chunks || frameMicros <= chunkMicros);
            long dueMicros = pictureNext ? frameMicros : chunkMicros;
            if (realTime) {
                long waitNanos = dueMicros * 1000 - (System.nanoTime() - startNanos);
                if (waitNanos > 0) {
                    LockSupport.parkNanos(waitNanos);
                }
            }
            if (pictureNext) {
                video.onFrame(width, height, width * 4, pictures.get((int) (frame % pictures.size())), startMicros + frameMicros);
                frame++;
            } else {
                int offset = (int) (audioChunk * CHUNK % (tone.length - CHUNK));
                System.arraycopy(tone, offset, chunk, 0, CHUNK);
                audio.onSamples(chunk, CHUNK, startMicros + chunkMicros);
                audioChunk++;
            }
        }
    }
}
