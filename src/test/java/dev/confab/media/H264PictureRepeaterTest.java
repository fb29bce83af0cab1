package dev.confab.media;

import dev.confab.testing.UnitTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The repeater only works on streams it understands; anything else keeps the ordinary (encoding) path. */
@UnitTest
class H264PictureRepeaterTest {
    /** Constrained baseline SPS with picture order count type 0 (B-frame-capable ordering), then a PPS. */
    private static final byte[] POC_TYPE_0 = {0, 0, 0, 1, 0x67, 0x42, (byte) 0xC0, 0x1F, (byte) 0xF4, 0x01, 0x40,
            0, 0, 0, 1, 0x68, (byte) 0xCE, 0x3C, (byte) 0x80};

    @Test
    void parameterSetsThatAreNotH264GiveNoRepeater() {
        assertThat(H264PictureRepeater.forStream(new byte[0])).isEmpty();
        assertThat(H264PictureRepeater.forStream(new byte[] {1, 2, 3, 4, 5, 6})).isEmpty();
        assertThat(H264PictureRepeater.forStream(new byte[] {0, 0, 1, 0x67})).isEmpty();
    }

    @Test
    void aStreamWithAnotherPictureOrderGivesNoRepeater() {
        assertThat(H264PictureRepeater.forStream(POC_TYPE_0)).isEmpty();
    }
}
