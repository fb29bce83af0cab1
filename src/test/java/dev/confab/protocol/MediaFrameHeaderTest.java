package dev.confab.protocol;

import dev.confab.testing.UnitTest;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@UnitTest
class MediaFrameHeaderTest {

    @Test
    void layoutMatchesTheDocumentedBytes() {
        var header = new MediaFrameHeader(StreamKind.AUDIO, true, MediaCodec.OPUS.wireId(), 0x0102, 0xFFFF_FFFEL, 0x0A0B0C0D0E0F1011L);
        ByteBuffer frame = header.encode(ByteBuffer.wrap(new byte[]{(byte) 0xEE}));
        byte[] bytes = new byte[frame.remaining()];
        frame.get(bytes);
        assertThat(HexFormat.of().formatHex(bytes)).isEqualTo("c102010301 02fffffffe0a0b0c0d0e0f1011ee".replace(" ", ""));
    }

    @Test
    void decodeReadsWhatEncodeWrote() {
        var header = new MediaFrameHeader(StreamKind.SCREEN, false, MediaCodec.VP8, 77, 1_700_000_000_123_456L);
        MediaFrame parsed = MediaFrame.parse(header.encode(ByteBuffer.wrap(new byte[]{1, 2, 3, 4})));
        assertThat(parsed.header()).isEqualTo(header);
        assertThat(parsed.header().codec()).isEqualTo(MediaCodec.VP8);
        assertThat(parsed.payload().remaining()).isEqualTo(4);
        assertThat(parsed.payload().get(3)).isEqualTo((byte) 4);
    }

    @Test
    void rejectsShortFramesWrongMagicAndUnknownKinds() {
        assertThatThrownBy(() -> MediaFrameHeader.decode(ByteBuffer.allocate(5))).isInstanceOf(IllegalArgumentException.class);
        ByteBuffer wrongMagic = ByteBuffer.allocate(MediaFrameHeader.SIZE).put(0, (byte) 0x42);
        assertThatThrownBy(() -> MediaFrameHeader.decode(wrongMagic)).hasMessageContaining("magic");
        ByteBuffer wrongKind = ByteBuffer.allocate(MediaFrameHeader.SIZE).put(0, (byte) 0xC1).put(1, (byte) 9);
        assertThatThrownBy(() -> MediaFrameHeader.decode(wrongKind)).hasMessageContaining("stream kind");
    }

    @Test
    void fingerprintsNormaliseAnyHexSpelling() {
        String canonical = "AB:" + "00:".repeat(30) + "FF";
        assertThat(CertificateFingerprint.normalize("ab" + "00".repeat(30) + "ff")).isEqualTo(canonical);
        assertThat(CertificateFingerprint.normalize(canonical.toLowerCase().replace(':', ' '))).isEqualTo(canonical);
        assertThatThrownBy(() -> CertificateFingerprint.normalize("abc")).isInstanceOf(IllegalArgumentException.class);
    }
}
