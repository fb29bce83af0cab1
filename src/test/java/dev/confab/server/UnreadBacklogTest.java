package dev.confab.server;

import dev.confab.testing.IntegrationTest;
import dev.confab.protocol.ClientMessage;
import dev.confab.protocol.MediaCodec;
import dev.confab.protocol.MediaFrameHeader;
import dev.confab.protocol.ServerMessage;
import dev.confab.protocol.StreamKind;
import dev.confab.testing.StalledClient;
import dev.confab.testing.TestClient;
import dev.confab.testing.TestServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A participant that stops reading (a hostile client, or a frozen one) must not make the server hold an
 * ever-growing backlog for it: media for it is dropped once a few MiB wait, and if messages still pile up
 * past {@code maxUnreadBytes} its connection is closed. Everyone else carries on.
 */
@IntegrationTest
class UnreadBacklogTest {

    private static final int BIG_FRAME = 128 * 1024;
    private MeetingServer server;
    private StalledClient stalled;

    @AfterEach
    void stop() {
        if (stalled != null) {
            stalled.release();
        }
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void mediaWaitingForAStalledReceiverIsBoundedInBytesNotOnlyInFrames() throws Exception {
        // So many frames may wait that only the byte bound can stop big frames piling up.
        server = TestServers.start(TestServers.loopback().relayQueueFrames(100_000).relayQueueBytes(2L << 20)
                .mediaBytesPerSecond(1L << 32));
        TestClient sender = TestClient.greeted(server.url());
        String meetingId = sender.create("Cam", null).meetingId();
        stalled = StalledClient.greeted(server.url());
        stalled.join(meetingId, "Frozen", null);
        sender.next(ServerMessage.ParticipantJoined.class);

        for (int sequence = 0; sequence < 400; sequence++) { // 50 MiB, far more than the kernel buffers take
            sender.send(frame(sequence, sequence == 0));
        }

        ServerMessage.RateHint hint = sender.next(ServerMessage.RateHint.class);
        assertThat(hint.congestedReceivers()).isEqualTo(1);
        assertThat(hint.droppedFrames()).isPositive();
    }

    @Test
    void aClientThatStopsReadingIsClosedAndKeepsItsSeatForResume() throws Exception {
        // Keep-alive pings would also notice the frozen client after a few seconds; here only the backlog may.
        server = TestServers.start(TestServers.loopback().relayQueueBytes(4L << 20).maxUnreadBytes(512 * 1024)
                .mediaBytesPerSecond(1L << 32).keepAliveSeconds(600));
        TestClient sender = TestClient.greeted(server.url());
        String meetingId = sender.create("Cam", null).meetingId();
        stalled = StalledClient.greeted(server.url());
        int frozenId = stalled.join(meetingId, "Frozen", null).selfId();
        sender.next(ServerMessage.ParticipantJoined.class);
        for (int sequence = 0; sequence < 200; sequence++) {
            sender.send(frame(sequence, sequence == 0));
        }

        // The media backlog is now past maxUnreadBytes; the next message for the frozen client closes it.
        boolean[] muted = {false};
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> {
            muted[0] = !muted[0];
            sender.send(new ClientMessage.UpdateState(muted[0], false, false, false));
            return sender.messages.stream().anyMatch(m -> m instanceof ServerMessage.ParticipantUpdated update
                    && update.participant().id() == frozenId && !update.participant().connected());
        });
        assertThat(sender.receivesNo(ServerMessage.ParticipantLeft.class, 500))
                .as("the seat is kept for the resume grace, as for any lost connection").isTrue();

        TestClient newcomer = TestClient.greeted(server.url());
        assertThat(newcomer.join(meetingId, "Grace", null).roster())
                .as("the meeting goes on for everyone else").hasSize(3);
    }

    private static ByteBuffer frame(long sequence, boolean keyframe) {
        var header = new MediaFrameHeader(StreamKind.CAMERA, keyframe, MediaCodec.VP8, sequence,
                1_700_000_000_000_000L + sequence);
        return header.encode(ByteBuffer.allocate(BIG_FRAME));
    }
}
