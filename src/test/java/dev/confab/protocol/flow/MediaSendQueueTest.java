package dev.confab.protocol.flow;

import dev.confab.protocol.StreamKind;
import dev.confab.protocol.flow.MediaSendQueue.StreamId;
import dev.confab.protocol.flow.MediaSendQueue.Verdict;
import dev.confab.testing.UnitTest;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@UnitTest
class MediaSendQueueTest {

    private static final StreamId AUDIO = new StreamId(1, StreamKind.AUDIO);
    private static final StreamId CAMERA = new StreamId(1, StreamKind.CAMERA);
    private static final StreamId SCREEN = new StreamId(2, StreamKind.SCREEN);
    private static final long MS = 1_000_000L;

    /** A socket that takes {@code bytesPerTick} per {@link #drain()} and remembers what it sent, in order. */
    private static final class FakeSocket implements MediaSendQueue.Sink {
        final List<String> written = new ArrayList<>();
        final List<ByteBuffer> buffered = new ArrayList<>();
        long bufferedBytes;

        @Override
        public long bufferedBytes() {
            return bufferedBytes;
        }

        @Override
        public int bufferedFrames() {
            return buffered.size();
        }

        @Override
        public void write(ByteBuffer frame) {
            buffered.add(frame);
            bufferedBytes += frame.remaining();
        }

        void control(String message) {
            written.add(message); // what the library writes next, as control bypasses the media queue
        }

        void drain(long bytes) {
            while (bytes > 0 && !buffered.isEmpty()) {
                ByteBuffer head = buffered.getFirst();
                int take = (int) Math.min(bytes, head.remaining());
                head.position(head.position() + take);
                bytes -= take;
                bufferedBytes -= take;
                if (!head.hasRemaining()) {
                    buffered.removeFirst();
                    head.rewind();
                    written.add(label(head));
                }
            }
        }
    }

    private static ByteBuffer frame(String label, int size) {
        byte[] bytes = new byte[Math.max(size, label.length() + 1)];
        byte[] text = label.getBytes();
        bytes[0] = (byte) text.length;
        System.arraycopy(text, 0, bytes, 1, text.length);
        return ByteBuffer.wrap(bytes);
    }

    private static String label(ByteBuffer frame) {
        return new String(frame.array(), 1, frame.array()[0]);
    }

    private static MediaSendQueue queue(int maxFrames, long maxBytes) {
        return new MediaSendQueue(new MediaSendQueue.Limits(maxFrames, maxBytes, Duration.ofMillis(300)));
    }

    private static final StreamId OTHER = new StreamId(9, StreamKind.AUDIO);

    /**
     * Runs the queue backlogged on a 100 kB/s socket until it has measured that rate (so it holds frames back
     * from then on), then empties it. Returns the time reached.
     */
    private static long measured(MediaSendQueue queue, FakeSocket socket) {
        long now = 0;
        for (int tick = 0; tick < 30; tick++, now += 10 * MS) {
            queue.offer(OTHER, frame("m", 2_000), true, 0);
            socket.drain(1_000);
            queue.pump(socket, now);
        }
        assertThat(queue.drainBytesPerSecond()).isBetween(90_000.0, 110_000.0);
        while (!queue.isEmpty() || socket.bufferedBytes > 0) {
            socket.drain(1_000_000);
            queue.pump(socket, now += MS);
        }
        socket.written.clear();
        return now;
    }

    /** After {@link #measured}: fills the socket so that nothing more is handed on. */
    private static long blockSocket(MediaSendQueue queue, FakeSocket socket) {
        long now = measured(queue, socket);
        queue.offer(CAMERA, frame("block", 70_000), true, 0);
        queue.pump(socket, now);
        return now;
    }

    /** Lets the socket take everything for 20 ms, pumping every millisecond. */
    private static long runFreely(MediaSendQueue queue, FakeSocket socket, long now) {
        for (int i = 0; i < 20; i++) {
            socket.drain(1_000_000);
            queue.pump(socket, now += MS);
        }
        return now;
    }

    @Test
    void audioThenScreenThenCameraEachInTheOrderItCame() {
        MediaSendQueue queue = queue(100, 1 << 20);
        FakeSocket socket = new FakeSocket();
        long now = blockSocket(queue, socket);
        queue.offer(CAMERA, frame("c1", 100), false, 0);
        queue.offer(SCREEN, frame("s1", 100), true, 0);
        queue.offer(AUDIO, frame("a1", 100), true, 0);
        queue.offer(CAMERA, frame("c2", 100), false, 0);
        queue.offer(AUDIO, frame("a2", 100), true, 0);
        queue.offer(SCREEN, frame("s2", 100), false, 0);

        now = runFreely(queue, socket, now);

        assertThat(socket.written).containsExactly("block", "a1", "a2", "s1", "s2", "c1", "c2");
    }

    @Test
    void controlGoesAheadOfMediaStillWaiting() {
        MediaSendQueue queue = queue(100, 1 << 20);
        FakeSocket socket = new FakeSocket();
        long now = blockSocket(queue, socket);
        queue.offer(AUDIO, frame("a1", 100), true, 0);
        socket.control("pong");

        now = runFreely(queue, socket, now);

        assertThat(socket.written).containsExactly("pong", "block", "a1");
    }

    @Test
    void framesAreHandedOnOnlyWhileTheSocketHoldsLittle() {
        MediaSendQueue queue = queue(100, 1 << 20);
        FakeSocket socket = new FakeSocket();
        for (int i = 0; i < 10; i++) {
            queue.offer(AUDIO, frame("a" + i, 2_000), true, 0);
        }
        queue.pump(socket, 0);
        assertThat(queue.queuedFrames()).as("before the rate is known, everything goes on").isZero();

        long now = measured(queue, socket);
        for (int i = 0; i < 10; i++) {
            queue.offer(AUDIO, frame("a" + i, 2_000), true, 0);
        }
        queue.pump(socket, now);
        assertThat(socket.bufferedBytes).as("30 ms at 100 kB/s, at least 4 KiB").isLessThan(4 * 1024 + 2_000);
        assertThat(queue.queuedFrames()).isPositive();
    }

    @Test
    void videoBeyondTheTimeBudgetIsDroppedAndAudioIsNot() {
        MediaSendQueue queue = queue(10_000, 64 << 20);
        FakeSocket socket = new FakeSocket();
        long now = 0;
        // A 100 kB/s link, kept busy with 3 kB camera frames every 10 ms (300 kB/s offered) and audio.
        int audioQueued = 0;
        int audioOffered = 0;
        int videoDropped = 0;
        for (int tick = 0; tick < 300; tick++, now += 10 * MS) {
            if (queue.offer(CAMERA, frame("c" + tick, 3_000), tick % 50 == 0, tick * 10_000L) == Verdict.DROPPED) {
                videoDropped++;
            }
            if (tick % 2 == 0) {
                audioOffered++;
                if (queue.offer(AUDIO, frame("a" + tick, 120), true, tick * 10_000L) == Verdict.QUEUED) {
                    audioQueued++;
                }
            }
            socket.drain(1_000);
            queue.pump(socket, now);
        }
        assertThat(audioQueued).as("audio is never dropped for the budget").isEqualTo(audioOffered);
        assertThat(videoDropped).isPositive();
        assertThat(queue.drainBytesPerSecond()).isBetween(80_000.0, 120_000.0);
        assertThat(queue.waitingMillis()).as("a running stream may use twice the 300 ms budget, plus one frame")
                .isLessThan(2 * 300 + 60);
    }

    @Test
    void aBurstWorkedOffAtFullSpeedIsNotMistakenForCongestion() {
        MediaSendQueue queue = queue(10_000, 64 << 20);
        FakeSocket socket = new FakeSocket();
        long now = 0;
        // 1 MB/s link; 2 MB of frames captured within 2 ms arrive at once (a clip, a test): 2 s to work off.
        queue.offer(CAMERA, frame("k", 20_000), true, 0);
        for (int i = 1; i < 100; i++) {
            assertThat(queue.offer(CAMERA, frame("d" + i, 20_000), false, i * 20L)).isEqualTo(Verdict.QUEUED);
            socket.drain(10_000);
            queue.pump(socket, now += 10 * MS);
        }
        assertThat(queue.waitingMillis()).as("far behind in time to drain").isGreaterThan(600);
        assertThat(queue.offer(CAMERA, frame("d100", 20_000), false, 2_000)).isEqualTo(Verdict.QUEUED);
    }

    @Test
    void afterADroppedDeltaTheStreamWaitsForAKeyframe() {
        MediaSendQueue queue = queue(3, 1 << 20);
        FakeSocket socket = new FakeSocket();
        long now = blockSocket(queue, socket); // one frame in the socket
        assertThat(queue.offer(CAMERA, frame("k", 100), true, 0)).isEqualTo(Verdict.QUEUED);
        assertThat(queue.offer(CAMERA, frame("d1", 100), false, 0)).isEqualTo(Verdict.QUEUED);
        assertThat(queue.offer(CAMERA, frame("d2", 100), false, 0)).as("queue full").isEqualTo(Verdict.DROPPED);

        now = runFreely(queue, socket, now);
        assertThat(queue.offer(CAMERA, frame("d3", 100), false, 0)).isEqualTo(Verdict.WAITS_FOR_KEYFRAME);
        assertThat(queue.acceptsVideo()).isTrue();
        assertThat(queue.offer(CAMERA, frame("k2", 100), true, 0)).isEqualTo(Verdict.QUEUED);
        assertThat(queue.offer(CAMERA, frame("d4", 100), false, 0)).isEqualTo(Verdict.QUEUED);
    }

    @Test
    void aHeldBackLinkGetsSoundOnlyUntilTheHoldEndsAndVideoRestartsAtKeyframes() {
        long[] clock = {0};
        var queue = new MediaSendQueue(new MediaSendQueue.Limits(100, 1 << 20, Duration.ofMillis(300)),
                () -> clock[0]);
        FakeSocket socket = new FakeSocket();
        queue.offer(SCREEN, frame("s1", 100), true, 0);
        queue.offer(CAMERA, frame("c1", 100), true, 0); // both wait: nothing pumped yet

        queue.holdVideo(300);

        assertThat(queue.heldVideo()).as("the video already waiting is dropped").isEqualTo(2);
        assertThat(queue.offer(CAMERA, frame("key", 100), true, 0)).isEqualTo(Verdict.WAITS_FOR_KEYFRAME);
        assertThat(queue.offer(AUDIO, frame("a1", 100), true, 0)).isEqualTo(Verdict.QUEUED);
        assertThat(queue.acceptsVideo()).as("no keyframe is asked for during the hold").isFalse();
        clock[0] += 299 * MS;
        assertThat(queue.offer(SCREEN, frame("key", 100), true, 0)).isEqualTo(Verdict.WAITS_FOR_KEYFRAME);

        clock[0] += MS;
        assertThat(queue.acceptsVideo()).as("over: ask the senders for keyframes").isTrue();
        assertThat(queue.offer(SCREEN, frame("s2", 100), false, 0)).as("a delta cannot restart the stream")
                .isEqualTo(Verdict.WAITS_FOR_KEYFRAME);
        assertThat(queue.offer(SCREEN, frame("s3", 100), true, 0)).isEqualTo(Verdict.QUEUED);
        assertThat(queue.offer(CAMERA, frame("c4", 100), true, 0)).isEqualTo(Verdict.QUEUED);
        runFreely(queue, socket, 0);
        assertThat(socket.written).containsExactly("a1", "s3", "c4");
        assertThat(queue.heldVideo()).isEqualTo(4);
    }

    @Test
    void aShorterHoldDoesNotCutALongerOneShort() {
        long[] clock = {0};
        var queue = new MediaSendQueue(new MediaSendQueue.Limits(100, 1 << 20, Duration.ofMillis(300)),
                () -> clock[0]);
        queue.holdVideo(500);
        clock[0] += 100 * MS;
        queue.holdVideo(100);
        clock[0] += 300 * MS;
        assertThat(queue.offer(CAMERA, frame("key", 100), true, 0)).isEqualTo(Verdict.WAITS_FOR_KEYFRAME);
        clock[0] += 100 * MS;
        assertThat(queue.offer(CAMERA, frame("key", 100), true, 0)).isEqualTo(Verdict.QUEUED);
    }

    @Test
    void aStreamStartsAtAKeyframe() {
        MediaSendQueue queue = queue(100, 1 << 20);
        assertThat(queue.offer(CAMERA, frame("d", 10), false, 0)).isEqualTo(Verdict.WAITS_FOR_KEYFRAME);
        assertThat(queue.offer(CAMERA, frame("k", 10), true, 0)).isEqualTo(Verdict.QUEUED);
        assertThat(queue.offer(SCREEN, frame("s", 10), false, 0)).as("each stream on its own")
                .isEqualTo(Verdict.WAITS_FOR_KEYFRAME);
    }

    @Test
    void aSocketThatTakesNothingStopsVideoAndPastTheHardLimitsAudio() {
        MediaSendQueue queue = queue(50, 1 << 20);
        FakeSocket socket = new FakeSocket();
        long start = blockSocket(queue, socket); // one frame in the socket
        queue.offer(CAMERA, frame("c", 100), false, 0);
        for (long now = start; now <= start + 600 * MS; now += 10 * MS) {
            queue.pump(socket, now); // nothing drains
        }
        assertThat(queue.acceptsVideo()).isFalse();
        assertThat(queue.offer(CAMERA, frame("k", 100), true, 0)).isEqualTo(Verdict.DROPPED);
        int queued = 0;
        for (int i = 0; i < 100; i++) {
            if (queue.offer(AUDIO, frame("a", 100), true, 0) == Verdict.QUEUED) {
                queued++;
            }
        }
        assertThat(queued).as("audio up to the frame limit, counting the camera frame here and the one in the socket").isEqualTo(48);
        assertThat(queue.droppedAudio()).isEqualTo(52);
    }
}
