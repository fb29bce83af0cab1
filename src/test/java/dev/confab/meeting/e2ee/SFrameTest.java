package dev.confab.meeting.e2ee;

import dev.confab.testing.UnitTest;
import org.junit.jupiter.api.Test;

import javax.crypto.AEADBadTagException;
import java.nio.ByteBuffer;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * SFrame against RFC 9605 Appendix C: the header encodings and the full encryption vector of cipher suite 0x0004
 * (AES_128_GCM_SHA256_128). A single wrong byte in the key schedule, the nonce or the associated data fails here.
 */
@UnitTest
class SFrameTest {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void encryptsTheRfc9605VectorForAes128Gcm() throws Exception {
        SFrame.Key key = SFrame.derive(0x123, HEX.parseHex("000102030405060708090a0b0c0d0e0f"));
        assertThat(HEX.formatHex(key.key().getEncoded())).isEqualTo("d34f547f4ca4f9a7447006fe7fcbf768");
        assertThat(HEX.formatHex(key.salt())).isEqualTo("75234edefe07819026751816");

        byte[] metadata = HEX.parseHex("4945544620534672616d65205747");
        byte[] plaintext = HEX.parseHex("64726166742d696574662d736672616d652d656e63");
        byte[] sframe = SFrame.encrypt(key, 0x4567, metadata, ByteBuffer.wrap(plaintext));

        assertThat(HEX.formatHex(sframe)).isEqualTo(
                "9901234567b7412c2513a1b66dbb48841bbaf17f598751176ad847681a69c6d0b091c07018ce4adb34eb");
        SFrameHeader header = SFrameHeader.parse(ByteBuffer.wrap(sframe));
        assertThat(header).isEqualTo(new SFrameHeader(0x123, 0x4567, 5));
        assertThat(SFrame.decrypt(key, header, metadata, ByteBuffer.wrap(sframe))).isEqualTo(plaintext);
    }

    @Test
    void headersUseTheShortestFormAndReadEveryForm() {
        assertHeader(0, 0, "00");
        assertHeader(7, 7, "77");
        assertHeader(7, 8, "7808");
        assertHeader(8, 0, "8008");
        assertHeader(0xffff, 0x100, "99ffff0100");
        assertHeader(0xffffffffffffffffL, 0xffffffffffffffffL, "ffffffffffffffffffffffffffffffffff");
        // A longer form than needed is still read (the RFC does not require the shortest one).
        assertThat(SFrameHeader.parse(ByteBuffer.wrap(HEX.parseHex("9900070000"))))
                .isEqualTo(new SFrameHeader(7, 0, 5));
        assertThatThrownBy(() -> SFrameHeader.parse(ByteBuffer.wrap(HEX.parseHex("99ff"))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anyChangedByteOfHeaderPayloadOrMetadataIsRejected() {
        SFrame.Key key = SFrame.derive(3, new byte[16]);
        byte[] metadata = "relay header".getBytes();
        byte[] sframe = SFrame.encrypt(key, 42, metadata, ByteBuffer.wrap(new byte[100]));
        for (int i = 0; i < sframe.length; i++) {
            byte[] tampered = sframe.clone();
            tampered[i] ^= 0x01;
            SFrameHeader header = SFrameHeader.parse(ByteBuffer.wrap(tampered));
            assertThatThrownBy(() -> SFrame.decrypt(SFrame.derive(header.kid(), new byte[16]), header, metadata,
                    ByteBuffer.wrap(tampered))).as("byte %d", i).isInstanceOf(AEADBadTagException.class);
        }
        byte[] otherMetadata = "relay headeR".getBytes();
        assertThatThrownBy(() -> SFrame.decrypt(key, SFrameHeader.parse(ByteBuffer.wrap(sframe)), otherMetadata,
                ByteBuffer.wrap(sframe))).isInstanceOf(AEADBadTagException.class);
    }

    private static void assertHeader(long kid, long ctr, String hex) {
        SFrameHeader header = SFrameHeader.of(kid, ctr);
        byte[] out = new byte[SFrameHeader.MAX_LENGTH];
        int length = header.writeTo(out, 0);
        assertThat(HEX.formatHex(out, 0, length)).isEqualTo(hex);
        assertThat(SFrameHeader.parse(ByteBuffer.wrap(out, 0, length))).isEqualTo(header);
    }
}
