package dev.confab.server;

import dev.confab.protocol.MediaCodec;
import dev.confab.protocol.MediaFrame;
import dev.confab.protocol.MediaFrameHeader;
import dev.confab.protocol.ServerMessage;
import dev.confab.protocol.StreamKind;
import dev.confab.testing.StalledClient;
import dev.confab.testing.IntegrationTest;
import dev.confab.testing.TestClient;
import dev.confab.testing.TestServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@IntegrationTest
class MediaRelayTest {

    private MeetingServer server;

    @AfterEach
    void stop() {
        server.stop();
    }

    private static ByteBuffer frame(long sequence, boolean keyframe, int size) {
        var header = new MediaFrameHeader(StreamKind.CAMERA, keyframe, MediaCodec.VP8, sequence, 1_700_000_000_000_000L + sequence);
        return header.encode(ByteBuffer.allocate(size));
    }

    @Test
    void framesReachTheOthersWithTheRealSenderIdAndNotTheSender() throws Exception {
        server = TestServers.start(TestServers.loopback());
        TestClient sender = TestClient.greeted(server.url());
        ServerMessage.Joined created = sender.create("Cam", null);
        TestClient receiver = TestClient.greeted(server.url());
        receiver.join(created.meetingId(), "Viewer", null);
        sender.send(new dev.confab.protocol.ClientMessage.ShareStart(false));
        sender.next(ServerMessage.ShareUpdated.class);

        var header = new MediaFrameHeader(StreamKind.SCREEN, true, MediaCodec.H264.wireId(), 999, 42, 123456789L);
        sender.send(header.encode(ByteBuffer.wrap(new byte[]{9, 8, 7})));

        MediaFrame received = MediaFrame.parse(receiver.media.poll(5, TimeUnit.SECONDS));
        assertThat(received.header().senderId()).isEqualTo(created.selfId());
        assertThat(received.header().stream()).isEqualTo(StreamKind.SCREEN);
        assertThat(received.header().sequence()).isEqualTo(42);
        assertThat(received.header().captureMicros()).isEqualTo(123456789L);
        assertThat(received.payload().remaining()).isEqualTo(3);
        assertThat(sender.media.poll(300, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void slowReceiverLosesFramesUntilAKeyframeWhileOthersGetEverything() throws Exception {
        server = TestServers.start(TestServers.loopback().relayQueueFrames(400).mediaBytesPerSecond(1L << 32));
        TestClient sender = TestClient.greeted(server.url());
        String id = sender.create("Cam", null).meetingId();
        TestClient fast = TestClient.greeted(server.url());
        fast.join(id, "Fast", null);
        StalledClient slow = StalledClient.greeted(server.url());
        slow.join(id, "Slow", null);

        int frames = 1200;
        for (int i = 0; i < frames; i++) {
            sender.send(frame(i, i % 100 == 0, 48 * 1024));
            if (i % 200 == 199) {
                // Let the fast receiver drain so only the stalled one overflows its queue.
                int expected = i + 1;
                await().atMost(Duration.ofSeconds(20)).until(() -> fast.media.size() >= expected);
            }
        }
        ServerMessage.KeyframeRequested request = sender.next(ServerMessage.KeyframeRequested.class);
        assertThat(request.stream()).isEqualTo(StreamKind.CAMERA);
        assertThat(request.requestedBy()).isZero();
        assertThat(sequences(fast.media)).hasSize(frames).isSorted();
        // One of two receivers fell behind: the relay thins the stream for it, the sender is not asked to lower
        // its picture for everyone (a rate_hint needs most receivers dropping; SenderStreamStatsTest).
        List<ServerMessage> toSender = new ArrayList<>();
        ServerMessage message;
        while ((message = sender.messages.poll(300, TimeUnit.MILLISECONDS)) != null) {
            toSender.add(message);
        }
        assertThat(toSender).noneMatch(m -> m instanceof ServerMessage.RateHint);

        slow.release();
        // Like an encoder answering keyframe requests: keyframes keep coming until the slow receiver has one.
        long[] next = {frames};
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> {
            sender.send(frame(next[0]++, true, 16));
            return slow.media.stream().anyMatch(b -> MediaFrameHeader.decode(b).sequence() >= frames);
        });
        List<MediaFrameHeader> got = slow.media.stream().map(MediaFrameHeader::decode).toList();
        assertThat(got.size()).isLessThan(frames);
        for (int i = 1; i < got.size(); i++) {
            if (got.get(i).sequence() != got.get(i - 1).sequence() + 1) {
                assertThat(got.get(i).keyframe()).as("first frame after a gap is a keyframe").isTrue();
            }
        }
    }

    private static List<Long> sequences(java.util.Collection<ByteBuffer> frames) {
        List<Long> result = new ArrayList<>();
        frames.forEach(b -> result.add(MediaFrameHeader.decode(b).sequence()));
        return result;
    }
}
