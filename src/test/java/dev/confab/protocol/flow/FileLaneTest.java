package dev.confab.protocol.flow;

import dev.confab.protocol.StreamKind;
import dev.confab.protocol.flow.MediaSendQueue.StreamId;
import dev.confab.testing.UnitTest;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * File chunks in a connection's send queue: after all media, a bounded lane, and only a little file data in the
 * socket's buffer at a time, so a sound arriving next waits behind at most that.
 */
@UnitTest
class FileLaneTest {

    private static final StreamId AUDIO = new StreamId(1, StreamKind.AUDIO);
    private static final StreamId CAMERA = new StreamId(1, StreamKind.CAMERA);
    private static final int CHUNK = 16 * 1024 + 34;

    /** A socket that takes nothing until {@link #drainAll}; remembers the order frames were handed over. */
    private static final class Socket implements MediaSendQueue.Sink {
        final List<String> handed = new ArrayList<>();
        long bytes;
        int frames;

        @Override
        public long bufferedBytes() {
            return bytes;
        }

        @Override
        public int bufferedFrames() {
            return frames;
        }

        @Override
        public void write(ByteBuffer frame) {
            handed.add(frame.remaining() == CHUNK ? "file" : frame.remaining() == 100 ? "audio" : "camera");
            bytes += frame.remaining();
            frames++;
        }

        void drainAll() {
            bytes = 0;
            frames = 0;
        }
    }

    private static MediaSendQueue queue() {
        return new MediaSendQueue(new MediaSendQueue.Limits(256, 4L * 1024 * 1024, Duration.ofMillis(300)));
    }

    @Test
    void mediaGoesBeforeFileChunksThatCameEarlier() {
        MediaSendQueue queue = queue();
        Socket socket = new Socket();
        AtomicInteger handedChunks = new AtomicInteger();
        for (int i = 0; i < 6; i++) { // 98 KiB: more than the socket is given at once
            queue.offerFile(ByteBuffer.allocate(CHUNK), handedChunks::incrementAndGet);
        }
        queue.offer(CAMERA, ByteBuffer.allocate(5_000), true, 0);
        queue.offer(AUDIO, ByteBuffer.allocate(100), true, 0);
        queue.pump(socket, 0);
        assertThat(socket.handed.subList(0, 2)).containsExactly("audio", "camera");
        assertThat(socket.handed).as("file data in the socket's buffer stays small").filteredOn("file"::equals)
                .hasSizeLessThanOrEqualTo((int) (MediaSendQueue.FILE_HANDOFF_BYTES / CHUNK) + 1);
        assertThat(handedChunks.get()).as("a chunk counts as taken only once handed over")
                .isEqualTo((int) socket.handed.stream().filter("file"::equals).count());

        assertThat(handedChunks.get()).as("some chunks still wait").isLessThan(6);
        queue.offer(AUDIO, ByteBuffer.allocate(100), true, 0);
        socket.drainAll();
        socket.handed.clear();
        queue.pump(socket, 1_000_000);
        assertThat(socket.handed.getFirst()).as("a sound arriving behind waiting chunks overtakes them").isEqualTo("audio");
        for (long now = 2_000_000; !queue.isEmpty(); now += 1_000_000) {
            socket.drainAll();
            queue.pump(socket, now);
        }
        assertThat(handedChunks.get()).isEqualTo(6);
        assertThat(queue.isEmpty()).isTrue();
    }

    @Test
    void theFileLaneIsBoundedAndDiscardingReleasesItsChunks() {
        MediaSendQueue queue = queue();
        AtomicInteger released = new AtomicInteger();
        int accepted = 0;
        while (queue.offerFile(ByteBuffer.allocate(CHUNK), released::incrementAndGet) == MediaSendQueue.Verdict.QUEUED) {
            accepted++;
        }
        assertThat((long) accepted * CHUNK).isLessThanOrEqualTo(MediaSendQueue.MAX_FILE_BYTES);
        assertThat(queue.queuedFileBytes()).isEqualTo((long) accepted * CHUNK);
        assertThat(queue.offer(AUDIO, ByteBuffer.allocate(100), true, 0))
                .as("a full file lane never costs sound").isEqualTo(MediaSendQueue.Verdict.QUEUED);

        queue.discardFiles();
        assertThat(released.get()).as("the relay learns every chunk is gone").isEqualTo(accepted);
        assertThat(queue.queuedFileBytes()).isZero();
    }
}
