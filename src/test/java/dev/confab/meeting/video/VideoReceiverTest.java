package dev.confab.meeting.video;

import dev.confab.protocol.MediaCodec;
import dev.confab.protocol.MediaFrame;
import dev.confab.protocol.MediaFrameHeader;
import dev.confab.protocol.StreamKind;
import dev.confab.testing.UnitTest;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static org.assertj.core.api.Assertions.assertThat;

/** Received cameras as the receiver counts them, without decoding. */
@UnitTest
class VideoReceiverTest {

    private static final int ADA = 2;

    private final VideoReceiver receiver = new VideoReceiver((id, kind) -> { }, false);

    private void camera(long sequence, boolean keyframe) {
        ByteBuffer bytes = new MediaFrameHeader(StreamKind.CAMERA, keyframe, MediaCodec.VP8.wireId(), ADA, sequence, 1L)
                .encode(ByteBuffer.allocate(10));
        receiver.onMedia(MediaFrame.parse(bytes));
    }

    @Test
    void aCameraShownAgainRestartsAtItsKeyframeWithoutCountingTheHiddenFramesAsLost() {
        camera(0, true);
        camera(1, false);
        receiver.cameraShownAgain(ADA); // hidden meanwhile; the server restarts it at a keyframe
        camera(301, true);
        camera(302, false);
        assertThat(receiver.stats(ADA, StreamKind.CAMERA).framesLost()).isZero();

        camera(305, false); // a real gap afterwards still counts
        assertThat(receiver.stats(ADA, StreamKind.CAMERA).framesLost()).isEqualTo(2);
        receiver.close();
    }
}
