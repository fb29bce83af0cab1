package dev.confab.server;

import dev.confab.protocol.ClientMessage;
import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.MediaCodec;
import dev.confab.protocol.MediaFrame;
import dev.confab.protocol.MediaFrameHeader;
import dev.confab.protocol.ServerMessage;
import dev.confab.protocol.StreamKind;
import dev.confab.testing.IntegrationTest;
import dev.confab.testing.TestClient;
import dev.confab.testing.TestServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server's side of congestion control over a real connection (docs/protocol.md section 9.3): a receiver's
 * estimate becomes the sender's target and lifting it lifts the target; a probe request is answered with paced
 * PADDING frames to the asker only; and what a client must not do gets a clear error, to that client only.
 */
@IntegrationTest
class CongestionSignalsTest {

    private MeetingServer server;
    private TestClient ada;
    private TestClient grace;

    /** Ada created a meeting on a fresh loopback server, Grace joined it. */
    @BeforeEach
    void adaAndGrace() throws Exception {
        server = TestServers.start(TestServers.loopback());
        ada = TestClient.greeted(server.url());
        String meeting = ada.create("Ada", null).meetingId();
        grace = TestClient.greeted(server.url());
        grace.join(meeting, "Grace", null);
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void aReceiversEstimateBecomesTheSendersTargetMinusTheSound() throws Exception {

        grace.send(new ClientMessage.ReceiveEstimate(600));

        ServerMessage.SendTarget camera = ada.next(ServerMessage.SendTarget.class);
        assertThat(camera.stream()).isEqualTo(StreamKind.CAMERA);
        assertThat(camera.maxKbps()).isEqualTo(600 - SendTargets.AUDIO_KBPS);
        assertThat(ada.next(ServerMessage.SendTarget.class).stream()).isEqualTo(StreamKind.SCREEN);

        grace.send(new ClientMessage.ReceiveEstimate(null));
        assertThat(ada.next(ServerMessage.SendTarget.class).maxKbps()).as("lifted").isNull();
    }

    @Test
    void aProbeIsPaddingForTheAskerOnlyPacedOverTheTimeAsked() throws Exception {

        long asked = System.nanoTime();
        grace.send(new ClientMessage.ProbeRequest(800, 500));

        long bytes = 0;
        long lastArrival = 0;
        int frames = 0;
        ByteBuffer raw;
        while ((raw = grace.media.poll(1, TimeUnit.SECONDS)) != null) {
            MediaFrame frame = MediaFrame.parse(raw);
            assertThat(frame.header().stream()).isEqualTo(StreamKind.PADDING);
            assertThat(frame.header().senderId()).as("the server").isZero();
            bytes += raw.remaining();
            frames++;
            lastArrival = System.nanoTime();
        }
        double seconds = (lastArrival - asked) / 1e9;
        System.out.printf("probe of 800 kbit/s for 500 ms: %d frames, %d bytes over %.2f s%n", frames, bytes, seconds);
        assertThat(bytes * 8 / 1000.0).as("kbit sent, about 800 kbit/s x 0.5 s").isBetween(300.0, 480.0);
        assertThat(seconds).as("paced over the half second, not sent at once").isGreaterThan(0.35);
        assertThat(ada.media.poll(200, TimeUnit.MILLISECONDS)).as("nobody else gets padding").isNull();
    }

    @Test
    void outOfRangeProbesAndPaddingFromAClientAreRefusedToThatClientOnly() throws Exception {

        grace.send("{\"type\":\"probe_request\",\"kbps\":50000,\"millis\":500}");
        ServerMessage.ErrorMessage tooMuch = grace.next(ServerMessage.ErrorMessage.class);
        assertThat(tooMuch.code()).isEqualTo(ErrorCode.INVALID_MESSAGE);
        assertThat(tooMuch.message()).contains("kbps must be 1 to 20000");
        grace.send("{\"type\":\"receive_estimate\",\"kbps\":0}");
        assertThat(grace.next(ServerMessage.ErrorMessage.class).message()).contains("kbps must be at least 1");

        var padding = new MediaFrameHeader(StreamKind.PADDING, true, MediaCodec.UNSPECIFIED, 1, 1);
        grace.send(padding.encode(ByteBuffer.allocate(100)));
        ServerMessage.ErrorMessage refused = grace.next(ServerMessage.ErrorMessage.class);
        assertThat(refused.code()).isEqualTo(ErrorCode.INVALID_MESSAGE);
        assertThat(refused.message()).contains("PADDING frames are sent by the server only");
        assertThat(ada.media.poll(300, TimeUnit.MILLISECONDS)).as("nothing relayed").isNull();

        grace.send(new ClientMessage.Ping(7L));
        assertThat(grace.next(ServerMessage.Pong.class).nonce()).as("the connection still works").isEqualTo(7L);
    }
}
