package dev.confab.meeting.video;

import dev.confab.media.EncodedPacket;
import dev.confab.media.VideoCodec;
import dev.confab.media.VideoEncoder;
import dev.confab.media.VideoFormat;
import dev.confab.protocol.MediaCodec;
import dev.confab.protocol.MediaFrame;
import dev.confab.protocol.MediaFrameHeader;
import dev.confab.protocol.StreamKind;
import dev.confab.testing.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Whether a received camera is held below what its tile would show (the downlink estimator's probe ceiling), with
 * real VP8 pictures decoded: the size the receiver sees is what counts, not a number the sender claims.
 */
@IntegrationTest
class CameraHeldBelowTest {

    private static final int ADA = 2;
    private static final VideoFormat SMALL_LAYER = new VideoFormat(320, 180, 30);

    private final VideoReceiver receiver = new VideoReceiver((id, kind) -> { });

    @AfterEach
    void close() {
        receiver.close();
    }

    private void receiveOnLayer(int layer) throws Exception {
        List<EncodedPacket> packets = new ArrayList<>();
        try (VideoEncoder encoder = new VideoEncoder(VideoCodec.VP8, SMALL_LAYER, 150_000)) {
            ByteBuffer grey = ByteBuffer.allocateDirect(SMALL_LAYER.width() * SMALL_LAYER.height() * 4);
            for (int i = 0; i < 10; i++) {
                encoder.encodeBgra(grey, SMALL_LAYER.width(), SMALL_LAYER.height(), SMALL_LAYER.width() * 4,
                        System.currentTimeMillis() * 1000, packets::add);
            }
        }
        long sequence = 0;
        for (EncodedPacket packet : packets) {
            MediaFrameHeader header = new MediaFrameHeader(StreamKind.CAMERA, packet.keyframe(),
                    MediaCodec.VP8.wireId(), ADA, sequence++, packet.captureTimeMicros(), layer);
            receiver.onMedia(MediaFrame.parse(header.encode(ByteBuffer.wrap(packet.data()))));
        }
        await().atMost(Duration.ofSeconds(10))
                .until(() -> receiver.stats(ADA, StreamKind.CAMERA).framesDecoded() > 0);
    }

    @Test
    void aLowerLayerDecodedSmallerThanItsTileIsHeldBelowAndOneThatFillsItsTileIsNot() throws Exception {
        receiveOnLayer(1);

        assertThat(receiver.anyCameraHeldBelow(Map.of(ADA, 640L * 360))).as("320×180 in a 640×360 tile").isTrue();
        assertThat(receiver.anyCameraHeldBelow(Map.of(ADA, 320L * 180))).as("it fills a 320×180 tile").isFalse();
        assertThat(receiver.anyCameraHeldBelow(Map.of(7, 640L * 360))).as("a camera not shown").isFalse();
        assertThat(receiver.anyCameraHeldBelow(null)).as("no tile sizes: the lower layer alone tells").isTrue();
    }

    @Test
    void theSendersBestLayerIsHeldBelowNothing() throws Exception {
        receiveOnLayer(0);

        assertThat(receiver.anyCameraHeldBelow(Map.of(ADA, 1280L * 720))).isFalse();
        assertThat(receiver.anyCameraHeldBelow(null)).isFalse();
    }
}
