package dev.confab.server;

import dev.confab.testing.IntegrationTest;
import dev.confab.protocol.ClientMessage;
import dev.confab.protocol.MediaCodec;
import dev.confab.protocol.MediaFrameHeader;
import dev.confab.protocol.ServerMessage;
import dev.confab.protocol.StreamKind;
import dev.confab.testing.MutableClock;
import dev.confab.testing.TestClient;
import dev.confab.testing.TestServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Keyframe requests reach a sender at most once a second per stream; newcomers start their video at a keyframe. */
@IntegrationTest
class KeyframeRequestTest {

    private final MutableClock clock = new MutableClock();
    private MeetingServer server;

    @AfterEach
    void stop() {
        server.stop();
    }

    private void startServer() throws Exception {
        server = new MeetingServer(TestServers.loopback(), clock);
        server.start();
    }

    private static ByteBuffer camera(long sequence, boolean keyframe) {
        return new MediaFrameHeader(StreamKind.CAMERA, keyframe, MediaCodec.VP8, sequence, 1_700_000_000_000_000L + sequence)
                .encode(ByteBuffer.allocate(64));
    }

    private static MediaFrameHeader nextFrame(TestClient receiver) throws InterruptedException {
        ByteBuffer frame = receiver.media.poll(TestClient.TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertThat(frame).as("a media frame").isNotNull();
        return MediaFrameHeader.decode(frame);
    }

    /** Keyframe requests the client got before the answer to a ping: everything the server sent it until then. */
    private static long keyframeRequestsUntilPong(TestClient client, long nonce) throws InterruptedException {
        client.send(new ClientMessage.Ping(nonce));
        long requests = 0;
        while (true) {
            ServerMessage message = client.next(ServerMessage.class);
            if (message instanceof ServerMessage.Pong pong && pong.nonce() == nonce) {
                return requests;
            }
            if (message instanceof ServerMessage.KeyframeRequested) {
                requests++;
            }
        }
    }

    @Test
    void aFloodOfKeyframeRequestsReachesTheSenderOnceASecond() throws Exception {
        startServer();
        TestClient ada = TestClient.greeted(server.url());
        ServerMessage.Joined meeting = ada.create("Ada", null);
        TestClient eve = TestClient.greeted(server.url());
        int eveId = eve.join(meeting.meetingId(), "Eve", null).selfId();
        eve.send(new ClientMessage.Ping(0L));
        eve.next(ServerMessage.Pong.class); // Eve's join is fully handled (nobody was sending video then)
        ada.send(camera(0, true));
        assertThat(nextFrame(eve).sequence()).isZero();

        for (int i = 0; i < 15; i++) {
            eve.send(new ClientMessage.RequestKeyframe(meeting.selfId(), StreamKind.CAMERA));
        }
        ServerMessage.KeyframeRequested first = ada.next(ServerMessage.KeyframeRequested.class);
        assertThat(first.requestedBy()).isEqualTo(eveId);
        // A round trip after the flood: everything Eve sent has been handled by now.
        eve.send(new ClientMessage.Ping(1L));
        eve.next(ServerMessage.Pong.class);
        ada.send(camera(1, false));
        assertThat(nextFrame(eve).sequence()).isEqualTo(1);
        assertThat(keyframeRequestsUntilPong(ada, 1)).as("the other 14 requests were merged, not passed on").isZero();

        // A second later the merged request is passed on with the next frame, as no keyframe answered it...
        clock.advance(Duration.ofMillis(KeyframeGate.WINDOW_MILLIS));
        ada.send(camera(2, false));
        assertThat(ada.next(ServerMessage.KeyframeRequested.class).requestedBy()).isEqualTo(eveId);
        assertThat(nextFrame(eve).sequence()).isEqualTo(2);

        // ...while a merged request that a keyframe answered is done with.
        eve.send(new ClientMessage.RequestKeyframe(meeting.selfId(), StreamKind.CAMERA));
        eve.send(new ClientMessage.Ping(2L));
        eve.next(ServerMessage.Pong.class);
        ada.send(camera(3, true));
        clock.advance(Duration.ofMillis(KeyframeGate.WINDOW_MILLIS));
        ada.send(camera(4, false));
        assertThat(nextFrame(eve).sequence()).isEqualTo(3);
        assertThat(nextFrame(eve).sequence()).isEqualTo(4);
        assertThat(keyframeRequestsUntilPong(ada, 2)).isZero();
    }

    @Test
    void aNewcomerGetsNoDeltaFrameBeforeAKeyframeAndTheSenderIsAskedForOne() throws Exception {
        startServer();
        TestClient ada = TestClient.greeted(server.url());
        String id = ada.create("Ada", null).meetingId();
        ada.send(camera(0, true));
        ada.send(camera(1, false));
        ada.send(new ClientMessage.Ping(1L));
        ada.next(ServerMessage.Pong.class);

        TestClient bob = TestClient.greeted(server.url());
        bob.join(id, "Bob", null);
        ServerMessage.KeyframeRequested asked = ada.next(ServerMessage.KeyframeRequested.class);
        assertThat(asked.stream()).isEqualTo(StreamKind.CAMERA);
        assertThat(asked.requestedBy()).as("the server asks").isZero();

        ada.send(camera(2, false));
        ada.send(camera(3, false));
        ada.send(camera(4, true));
        ada.send(camera(5, false));
        MediaFrameHeader first = nextFrame(bob);
        assertThat(first.sequence()).as("deltas before the first keyframe are not forwarded").isEqualTo(4);
        assertThat(first.keyframe()).isTrue();
        assertThat(nextFrame(bob).sequence()).isEqualTo(5);
    }

    @Test
    void aResumedReceiverStartsAgainAtAKeyframe() throws Exception {
        startServer();
        TestClient ada = TestClient.greeted(server.url());
        String id = ada.create("Ada", null).meetingId();
        TestClient bob = TestClient.greeted(server.url());
        String token = bob.join(id, "Bob", null).resumeToken();
        bob.send(new ClientMessage.Ping(0L));
        bob.next(ServerMessage.Pong.class);
        ada.send(camera(0, true));
        assertThat(nextFrame(bob).sequence()).isZero();

        bob.closeBlocking(); // connection lost; Bob resumes on a new one, which has seen no keyframe yet
        clock.advance(Duration.ofMillis(KeyframeGate.WINDOW_MILLIS));
        TestClient bobAgain = TestClient.greeted(server.url());
        bobAgain.send(new ClientMessage.Resume(token));
        assertThat(bobAgain.next(ServerMessage.Joined.class).resumed()).isTrue();
        assertThat(ada.next(ServerMessage.KeyframeRequested.class).requestedBy()).isZero();

        ada.send(camera(1, false));
        ada.send(camera(2, true));
        assertThat(nextFrame(bobAgain).sequence()).isEqualTo(2);
    }
}
