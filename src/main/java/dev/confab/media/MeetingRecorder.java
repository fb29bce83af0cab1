package dev.confab.media;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Records what this participant sees and hears into a local file: BGRA pictures (whatever is on the main
 * stage: the active speaker or a shared screen) become 1280x720 H.264 at a constant 30 frames per second,
 * and the 48 kHz mono mix becomes AAC.
 *
 * <p>Feed it from any thread ({@link #onFrame}, {@link #onSamples}; it is a {@link VideoFrameListener} and an
 * {@link AudioFrameListener}). Those calls only copy and queue, never wait: encoding runs on the recorder's own
 * thread. If encoding falls behind, pictures are dropped (counted in {@link #droppedFrames()}) but sound never is.
 *
 * <p>The output timeline follows the capture timestamps, not the arrival times: a picture lands in the frame
 * slot of its capture time, and the latest picture is repeated in every slot until a newer one arrives, so a
 * camera turning off leaves a still picture rather than a gap. When no pictures come at all, the sound (or the
 * wall clock, if everything is silent) moves the picture timeline on, {@link #VIDEO_LATENESS} behind, so that
 * pictures arriving a little later than their sound still get their own slots.
 */
public final class MeetingRecorder implements VideoFrameListener, AudioFrameListener {
    /** How far behind the sound a picture may arrive and still land in its own slot. */
    static final Duration VIDEO_LATENESS = Duration.ofMillis(500);
    /** Queued pictures waiting for the encoder; one more and new pictures are dropped. */
    private static final int QUEUED_PICTURES = 6;
    /** Sound this far past where the last chunk ended means the mix paused: fill the pause with silence. */
    private static final long AUDIO_GAP_MICROS = 60_000;
    private static final long FLUSH_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    private static final long IDLE_POLL_MILLIS = 250;
    private static final Logger log = LoggerFactory.getLogger(MeetingRecorder.class);

    private final Path file;
    private final RecordingMuxer muxer;
    private final RecordingVideoTrack video;
    private final RecordingAudioTrack audio;
    private final Consumer<MediaException> onFailure;
    private final BlockingQueue<Work> work = new LinkedBlockingQueue<>();
    /** One more than can queue: the encoder thread keeps the last picture to recognise an identical next one. */
    private final BlockingQueue<ByteBuffer> freePictures = new ArrayBlockingQueue<>(QUEUED_PICTURES + 1);
    private final CompletableFuture<Summary> finished = new CompletableFuture<>();
    private final AtomicLong dropped = new AtomicLong();
    private final Thread thread;
    private volatile boolean accepting = true;
    private volatile long recordedMicros;

    // Encoder thread only.
    private long originMicros = Long.MIN_VALUE;
    private long latestMediaMicros;
    private long latestMediaArrivalNanos;
    private long nextSlot;
    private long lastVideoSlot = -1;
    private long lastFlushNanos = System.nanoTime();
    private Picture heldPicture;

    /** What a finished recording holds, or why it ended early. */
    public record Summary(Path file, Duration duration, long framesWritten, long framesDropped, MediaException failure) {
        public boolean failed() {
            return failure != null;
        }
    }

    private sealed interface Work {
    }

    private record Picture(ByteBuffer pixels, int width, int height, int stride, long captureMicros) implements Work {
        boolean sameAs(Picture other) {
            return other != null && other.width == width && other.height == height && other.stride == stride
                    && pixels.mismatch(other.pixels) == -1;
        }
    }

    private record Sound(short[] pcm, long captureMicros) implements Work {
    }

    /** A picture that was dropped: its slot repeats the previous picture. */
    private record DroppedPicture(long captureMicros) implements Work {
    }

    private record Stop() implements Work {
    }

    private MeetingRecorder(Path file, RecordingFormat format, RecordingVideoEncoding encoding, Map<String, String> metadata,
                            Optional<MediaCipher> cipher, Consumer<MediaException> onFailure) throws MediaException {
        this.file = file;
        this.onFailure = onFailure;
        muxer = new RecordingMuxer(file, format, metadata, cipher);
        RecordingVideoTrack videoTrack = null;
        RecordingAudioTrack audioTrack = null;
        try {
            videoTrack = new RecordingVideoTrack(muxer, encoding);
            audioTrack = new RecordingAudioTrack(muxer);
            muxer.begin(format.muxerOptions());
            muxer.flush();
        } catch (MediaException | RuntimeException e) {
            if (audioTrack != null) {
                audioTrack.close();
            }
            if (videoTrack != null) {
                videoTrack.close();
            }
            muxer.close();
            throw e;
        }
        video = videoTrack;
        audio = audioTrack;
        for (int i = 0; i < QUEUED_PICTURES + 1; i++) {
            // Sized for the usual 720p stage up front, so the live view's thread does not allocate.
            freePictures.add(ByteBuffer.allocateDirect(RecordingVideoTrack.WIDTH * RecordingVideoTrack.HEIGHT * 4));
        }
        thread = Thread.ofPlatform().name("recording-encoder").daemon(true).unstarted(this::run);
    }

    /**
     * Creates {@code file} (which must not be in use) and starts recording into it.
     *
     * @param metadata  container tags, e.g. {@code title} and {@code creation_time} (ISO-8601)
     * @param onFailure called once, on the recorder's thread, if writing fails midway (e.g. the disk is full);
     *                  the file has then been finished as far as possible and the recorder has stopped
     */
    public static MeetingRecorder start(Path file, RecordingFormat format, Map<String, String> metadata,
                                        Consumer<MediaException> onFailure) throws MediaException {
        return start(file, format, RecordingVideoEncoding.DEFAULT, metadata, Optional.empty(), onFailure);
    }

    /**
     * As {@link #start(Path, RecordingFormat, Map, Consumer)}, encrypting the file with {@code cipher} as it is
     * written (nothing reaches the disk in clear); {@code format} must be a streaming one (not HYBRID_MP4).
     */
    public static MeetingRecorder startEncrypted(Path file, RecordingFormat format, Map<String, String> metadata,
                                                 MediaCipher cipher, Consumer<MediaException> onFailure)
            throws MediaException {
        return start(file, format, RecordingVideoEncoding.DEFAULT, metadata, Optional.of(cipher), onFailure);
    }

    /** As {@link #start(Path, RecordingFormat, Map, Consumer)} with another video encoding (for measurements). */
    static MeetingRecorder start(Path file, RecordingFormat format, RecordingVideoEncoding encoding,
                                 Map<String, String> metadata, Consumer<MediaException> onFailure) throws MediaException {
        return start(file, format, encoding, metadata, Optional.empty(), onFailure);
    }

    private static MeetingRecorder start(Path file, RecordingFormat format, RecordingVideoEncoding encoding,
                                         Map<String, String> metadata, Optional<MediaCipher> cipher,
                                         Consumer<MediaException> onFailure) throws MediaException {
        MeetingRecorder recorder = new MeetingRecorder(file, format, encoding, metadata, cipher, onFailure);
        recorder.thread.start();
        return recorder;
    }

    public Path file() {
        return file;
    }

    /** Length of the recording so far (the sound's or pictures' timeline, whichever is longer). */
    public Duration recordedDuration() {
        return Duration.ofNanos(recordedMicros * 1000);
    }

    public long droppedFrames() {
        return dropped.get();
    }

    public boolean isRecording() {
        return accepting;
    }

    /** Queues a copy of a picture; drops it if the encoder is more than a few pictures behind. */
    @Override
    public void onFrame(int width, int height, int stride, ByteBuffer bgra, long captureTimeMicros) {
        if (!accepting) {
            return;
        }
        if (width <= 0 || height <= 0 || stride < width * 4) {
            throw new IllegalArgumentException("Invalid picture " + width + "x" + height + " stride " + stride);
        }
        int bytes = stride * (height - 1) + width * 4;
        if (bgra.capacity() < bytes) {
            throw new IllegalArgumentException("Picture " + width + "x" + height + " stride " + stride + " needs "
                    + bytes + " bytes, buffer has " + bgra.capacity());
        }
        ByteBuffer copy = freePictures.poll();
        if (copy == null) {
            dropped.incrementAndGet();
            work.add(new DroppedPicture(captureTimeMicros));
            return;
        }
        if (copy.capacity() < bytes) {
            copy = ByteBuffer.allocateDirect(bytes);
        }
        copy.clear();
        copy.put(bgra.duplicate().position(0).limit(bytes)).flip();
        work.add(new Picture(copy, width, height, stride, captureTimeMicros));
    }

    /** Queues a copy of a chunk of the mix (any length). Sound is never dropped. */
    @Override
    public void onSamples(short[] pcm, int count, long captureTimeMicros) {
        if (!accepting || count <= 0) {
            return;
        }
        if (count > pcm.length) {
            throw new IllegalArgumentException("count " + count + " exceeds " + pcm.length + " samples");
        }
        short[] copy = new short[count];
        System.arraycopy(pcm, 0, copy, 0, count);
        work.add(new Sound(copy, captureTimeMicros));
    }

    /**
     * Stops taking input, encodes what is queued and finishes the file. Returns at once; the future completes
     * on the recorder's thread once the file is complete (normally well under a second).
     */
    public CompletableFuture<Summary> stop() {
        if (accepting) {
            accepting = false;
            work.add(new Stop());
        }
        return finished;
    }

    private void run() {
        MediaException failure = null;
        try {
            while (true) {
                Work next = work.poll(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (next instanceof Stop) {
                    break;
                }
                if (next == null) {
                    advanceWhileIdle();
                } else {
                    handle(next);
                }
                flushWhenDue();
            }
            // The last picture gets its own slot even when nothing came after it.
            fillVideoToSlot(Math.max(slotAt(latestMediaMicros), lastVideoSlot + 1));
            updateRecordedDuration();
            if (video.framesEncoded() > 0) {
                video.finish();
                audio.finish();
                muxer.finish();
            }
        } catch (MediaException e) {
            failure = e;
        } catch (InterruptedException e) {
            failure = new MediaException("Recording was interrupted", e);
        } catch (RuntimeException e) {
            failure = new MediaException("Recording failed: " + e.getMessage(), e);
        } finally {
            accepting = false;
            work.clear();
            video.close();
            audio.close();
            muxer.close();
        }
        if (video.framesEncoded() == 0) {
            // Stopped before any input: no empty file is left behind (and MP4's trailer needs samples).
            deleteQuietly(file);
        }
        Summary summary = new Summary(file, recordedDuration(), video.framesEncoded(), dropped.get(), failure);
        if (failure != null) {
            log.warn("Recording to {} failed", file, failure);
            onFailure.accept(failure);
        }
        finished.complete(summary);
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            log.warn("Cannot delete the empty recording {}", path, e);
        }
    }

    private void handle(Work next) throws MediaException {
        switch (next) {
            case Picture picture -> {
                long at = mediaTime(picture.captureMicros());
                fillVideoUntil(at);
                // The same pixels again (a still screen re-sent, a paused video) need no conversion, and the
                // slots they fill are written as repeats instead of being encoded.
                if (!picture.sameAs(heldPicture)) {
                    video.show(picture.pixels(), picture.width(), picture.height(), picture.stride());
                }
                lastVideoSlot = slotAt(at);
                noteMedia(at);
                if (heldPicture != null) {
                    freePictures.offer(heldPicture.pixels());
                }
                heldPicture = picture;
            }
            case Sound sound -> {
                long at = mediaTime(sound.captureMicros());
                long expectedSamples = at * AudioFrameListener.SAMPLE_RATE / 1_000_000;
                long missing = expectedSamples - audio.samplesAccepted();
                if (missing * 1_000_000 / AudioFrameListener.SAMPLE_RATE > AUDIO_GAP_MICROS) {
                    audio.addSilence(missing);
                }
                audio.add(sound.pcm(), sound.pcm().length);
                long end = audio.samplesAccepted() * 1_000_000 / AudioFrameListener.SAMPLE_RATE;
                noteMedia(end);
                fillVideoUntil(end - VIDEO_LATENESS.toNanos() / 1000);
            }
            case DroppedPicture droppedPicture -> {
                long at = mediaTime(droppedPicture.captureMicros());
                fillVideoUntil(at);
                lastVideoSlot = slotAt(at);
                noteMedia(at);
            }
            case Stop stop -> throw new IllegalStateException("stop is handled by the loop");
        }
    }

    /** Microseconds since the first input; input from before the start counts as the start. */
    private long mediaTime(long captureMicros) {
        if (originMicros == Long.MIN_VALUE) {
            originMicros = captureMicros;
        }
        return Math.max(0, captureMicros - originMicros);
    }

    private void noteMedia(long micros) {
        if (micros >= latestMediaMicros) {
            latestMediaMicros = micros;
        }
        latestMediaArrivalNanos = System.nanoTime();
        updateRecordedDuration();
    }

    /** Nothing arrived for a while: let the still picture run on with the wall clock. */
    private void advanceWhileIdle() throws MediaException {
        if (originMicros == Long.MIN_VALUE) {
            return;
        }
        long idleMicros = (System.nanoTime() - latestMediaArrivalNanos) / 1000;
        fillVideoUntil(latestMediaMicros + idleMicros - VIDEO_LATENESS.toNanos() / 1000);
        updateRecordedDuration();
    }

    private void updateRecordedDuration() {
        recordedMicros = Math.max(latestMediaMicros, nextSlot * 1_000_000 / RecordingVideoTrack.FPS);
    }

    /** Encodes the held picture into every frame slot that starts before {@code micros}. */
    private void fillVideoUntil(long micros) throws MediaException {
        fillVideoToSlot(slotAt(micros));
    }

    private void fillVideoToSlot(long slot) throws MediaException {
        while (nextSlot < slot) {
            video.encodeSlot(nextSlot++);
        }
    }

    /** The first frame slot that starts at or after {@code micros}. */
    private static long slotAt(long micros) {
        return Math.ceilDiv(micros * RecordingVideoTrack.FPS, 1_000_000L);
    }

    private void flushWhenDue() throws MediaException {
        long now = System.nanoTime();
        if (now - lastFlushNanos >= FLUSH_INTERVAL_NANOS) {
            muxer.flush();
            lastFlushNanos = now;
        }
    }
}
