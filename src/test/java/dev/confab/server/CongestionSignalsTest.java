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
        ada.send(frame(StreamKind.AUDIO, 0, true)); // Ada's sound flows: it comes first on Grace's downlink
        assertThat(nextMedia(grace).stream()).isEqualTo(StreamKind.AUDIO);

        grace.send(new ClientMessage.ReceiveEstimate(600));

        ServerMessage.SendTarget camera = ada.next(ServerMessage.SendTarget.class);
        assertThat(camera.stream()).isEqualTo(StreamKind.CAMERA);
        assertThat(camera.maxKbps()).isEqualTo(600 - SendTargets.AUDIO_KBPS);
        assertThat(ada.next(ServerMessage.SendTarget.class).stream()).isEqualTo(StreamKind.SCREEN);

        grace.send(new ClientMessage.ReceiveEstimate(null));
        assertThat(ada.next(ServerMessage.SendTarget.class).maxKbps()).as("lifted").isNull();
    }

    private static ByteBuffer frame(StreamKind stream, long sequence, boolean keyframe) {
        return new MediaFrameHeader(stream, keyframe, stream == StreamKind.AUDIO ? MediaCodec.OPUS : MediaCodec.VP8,
                sequence, 1_700_000_000_000_000L + sequence * 20_000).encode(ByteBuffer.allocate(64));
    }

    private static MediaFrameHeader nextMedia(TestClient receiver) throws InterruptedException {
        ByteBuffer raw = receiver.media.poll(TestClient.TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertThat(raw).as("a media frame").isNotNull();
        return MediaFrameHeader.decode(raw);
    }

    @Test
    void aReportedDownlinkQueueHoldsVideoBackForThatReceiverWhileItsSoundPasses() throws Exception {
        ada.send(frame(StreamKind.CAMERA, 1, true));
        assertThat(nextMedia(grace).stream()).isEqualTo(StreamKind.CAMERA);

        long reported = System.nanoTime();
        grace.send(new ClientMessage.ReceiveEstimate(600, 250)); // a 250-ms queue in Grace's downlink
        ada.next(ServerMessage.SendTarget.class); // the server has taken it in
        ada.send(frame(StreamKind.CAMERA, 2, true));
        ada.send(frame(StreamKind.AUDIO, 3, true));

        MediaFrameHeader first = nextMedia(grace);
        assertThat(first.stream()).as("the sound passes, the keyframe sent during the hold does not")
                .isEqualTo(StreamKind.AUDIO);
        // Once the hold is over (2 x 250 ms, at most 500), the next delta finds the stream stopped: the server asks
        // Ada for a keyframe, which reaches Grace.
        ServerMessage.KeyframeRequested asked = null;
        for (long sequence = 4; asked == null; sequence++) {
            assertThat(sequence).as("a keyframe request within 5 s").isLessThan(100);
            ada.send(frame(StreamKind.CAMERA, sequence, false));
            asked = ada.poll(ServerMessage.KeyframeRequested.class, 50);
        }
        assertThat((System.nanoTime() - reported) / 1_000_000).as("ms until the keyframe was asked for")
                .isGreaterThanOrEqualTo(QueueDrainHold.MAX_HOLD_MILLIS);
        assertThat(asked.stream()).isEqualTo(StreamKind.CAMERA);
        assertThat(grace.media.poll(100, TimeUnit.MILLISECONDS)).as("no delta without its keyframe").isNull();
        ada.send(frame(StreamKind.CAMERA, 200, true));
        MediaFrameHeader restarted = nextMedia(grace);
        assertThat(restarted.stream()).isEqualTo(StreamKind.CAMERA);
        assertThat(restarted.sequence()).isEqualTo(200);
    }

    private static ByteBuffer sound(long sequence, long captureMicros) {
        return new MediaFrameHeader(StreamKind.AUDIO, true, MediaCodec.OPUS, sequence, captureMicros)
                .encode(ByteBuffer.allocate(64));
    }

    private static long nowMicros() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    @Test
    void aQueueThatStoodInTheSendersUplinkHoldsNothingBack() throws Exception {
        ada.send(frame(StreamKind.CAMERA, 1, true));
        assertThat(nextMedia(grace).stream()).isEqualTo(StreamKind.CAMERA);
        ada.send(sound(2, nowMicros()));
        ada.send(sound(3, nowMicros() - 300_000)); // Ada's sound now reaches the server 300 ms late: her uplink
        assertThat(nextMedia(grace).stream()).isEqualTo(StreamKind.AUDIO);
        assertThat(nextMedia(grace).stream()).isEqualTo(StreamKind.AUDIO);

        grace.send(new ClientMessage.ReceiveEstimate(600, 250)); // what Grace saw is that very queue
        ada.next(ServerMessage.SendTarget.class);
        ada.send(frame(StreamKind.CAMERA, 4, true));

        MediaFrameHeader next = nextMedia(grace);
        assertThat(next.stream()).as("no hold: Grace's downlink has no queue of its own").isEqualTo(StreamKind.CAMERA);
        assertThat(next.sequence()).isEqualTo(4);
    }

    @Test
    void aQueueReportedDuringAProbeEndsTheProbe() throws Exception {
        grace.send(new ClientMessage.ProbeRequest(800, 1_000)); // 100 kB of padding over a second
        ByteBuffer first = grace.media.poll(TestClient.TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertThat(first).as("padding comes").isNotNull();

        grace.send(new ClientMessage.ReceiveEstimate(600, 120));
        ada.next(ServerMessage.SendTarget.class); // the server has taken it in
        long bytes = first.remaining();
        ByteBuffer more;
        while ((more = grace.media.poll(500, TimeUnit.MILLISECONDS)) != null) {
            bytes += more.remaining();
        }
        System.out.printf("padding received of a 100 kB probe stopped at once: %d bytes%n", bytes);
        assertThat(bytes).as("padding bytes received, of the 100 kB asked for").isLessThan(50_000);
    }

    @Test
    void aQueueSeenStartingBeforeAnyLimitIsKnownHoldsVideoBackAndSetsNoTarget() throws Exception {
        ada.send(frame(StreamKind.CAMERA, 1, true));
        assertThat(nextMedia(grace).stream()).isEqualTo(StreamKind.CAMERA);

        // Grace's sound is overdue: a queue is starting in her downlink, its rate not measured yet.
        grace.send("{\"type\":\"receive_estimate\",\"kbps\":null,\"queueMillis\":200}");
        grace.send(new ClientMessage.Ping(7L));
        assertThat(grace.next(ServerMessage.Pong.class).nonce()).as("taken in, no error before it").isEqualTo(7L);
        ada.send(frame(StreamKind.CAMERA, 2, true));
        ada.send(frame(StreamKind.AUDIO, 3, true));

        assertThat(nextMedia(grace).stream()).as("the sound passes, the keyframe sent during the hold does not")
                .isEqualTo(StreamKind.AUDIO);
        assertThat(ada.poll(ServerMessage.SendTarget.class, 200)).as("no limit: no target").isNull();
    }

    @Test
    void aQueueBeyondTenSecondsIsRefused() throws Exception {
        grace.send("{\"type\":\"receive_estimate\",\"kbps\":600,\"queueMillis\":10001}");
        ServerMessage.ErrorMessage refused = grace.next(ServerMessage.ErrorMessage.class);
        assertThat(refused.code()).isEqualTo(ErrorCode.INVALID_MESSAGE);
        assertThat(refused.message()).contains("queueMillis must be 0 to 10000");
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
