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
    void aCameraFramesSimulcastLayerIsInFlagBitsOneAndTwo() {
        // docs/protocol.md section 9: layer 2 keyframe of participant 3, sequence 5, VP8
        var header = new MediaFrameHeader(StreamKind.CAMERA, true, MediaCodec.VP8.wireId(), 3, 5, 1_000_000L, 2);
        ByteBuffer frame = header.encode(ByteBuffer.allocate(0));
        assertThat(frame.get(2)).isEqualTo((byte) 0x05);
        assertThat(MediaFrameHeader.decode(frame).layer()).isEqualTo(2);
        assertThat(MediaFrameHeader.decode(frame)).isEqualTo(header);
        ByteBuffer layerThree = frame.duplicate().put(2, (byte) 0x07);
        assertThatThrownBy(() -> MediaFrameHeader.decode(layerThree)).hasMessageContaining("Simulcast layer 3");
        ByteBuffer audioWithBits = new MediaFrameHeader(StreamKind.AUDIO, true, MediaCodec.OPUS, 1, 1).encode(ByteBuffer.allocate(0))
                .put(2, (byte) 0x05);
        assertThat(MediaFrameHeader.decode(audioWithBits).layer()).as("only camera frames have layers").isZero();
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
