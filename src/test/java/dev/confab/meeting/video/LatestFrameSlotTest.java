package dev.confab.meeting.video;

import dev.confab.testing.UnitTest;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static org.assertj.core.api.Assertions.assertThat;

@UnitTest
class LatestFrameSlotTest {

    private static ByteBuffer picture(int value) {
        ByteBuffer pixels = ByteBuffer.allocateDirect(4 * 2 * 2);
        while (pixels.hasRemaining()) {
            pixels.put((byte) value);
        }
        return pixels.flip();
    }

    @Test
    void anEncoderThatFallsBehindGetsOnlyTheNewestPicture() throws Exception {
        var slot = new LatestFrameSlot();
        slot.publish(2, 2, 8, picture(1), 100);
        slot.publish(2, 2, 8, picture(2), 200);
        slot.publish(2, 2, 8, picture(3), 300);

        LatestFrameSlot.Picture taken = slot.takeLatest(10);
        assertThat(taken.captureMicros).isEqualTo(300);
        assertThat(taken.pixels.get(0)).isEqualTo((byte) 3);
        assertThat(slot.dropped()).isEqualTo(2);
        assertThat(slot.takeLatest(10)).as("nothing new").isNull();
    }

    @Test
    void thePictureBeingEncodedIsNeverOverwrittenByLaterCaptures() throws Exception {
        var slot = new LatestFrameSlot();
        slot.publish(2, 2, 8, picture(1), 100);
        LatestFrameSlot.Picture encoding = slot.takeLatest(10);
        for (int i = 2; i < 10; i++) {
            slot.publish(2, 2, 8, picture(i), i * 100L);
        }
        assertThat(encoding.pixels.get(0)).isEqualTo((byte) 1);
        assertThat(encoding.captureMicros).isEqualTo(100);
        assertThat(slot.takeLatest(10).captureMicros).isEqualTo(900);
    }

    @Test
    void rowPaddingIsRemoved() throws Exception {
        var slot = new LatestFrameSlot();
        ByteBuffer padded = ByteBuffer.allocateDirect(12 * 2); // 2 pixels per row, stride 12
        for (int i = 0; i < padded.capacity(); i++) {
            padded.put(i, (byte) (i % 12 < 8 ? 7 : 99));
        }
        slot.publish(2, 2, 12, padded, 1);
        LatestFrameSlot.Picture taken = slot.takeLatest(10);
        assertThat(taken.pixels.remaining()).isEqualTo(16);
        for (int i = 0; i < 16; i++) {
            assertThat(taken.pixels.get(i)).isEqualTo((byte) 7);
        }
    }
}
