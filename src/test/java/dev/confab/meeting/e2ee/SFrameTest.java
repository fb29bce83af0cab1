package dev.confab.meeting.e2ee;

import dev.confab.testing.UnitTest;
import org.junit.jupiter.api.Test;

import dev.confab.protocol.MediaFrame;
import dev.confab.protocol.MediaFrameHeader;
import dev.confab.protocol.StreamKind;

import javax.crypto.AEADBadTagException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

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

    /** The Confab frame of docs/security.md section 9.7: relay header ‖ SFrame, opened like any received frame. */
    @Test
    void opensTheConfabFrameVectorOfTheSecurityDocument() {
        byte[] baseKey = HEX.parseHex("000102030405060708090a0b0c0d0e0f");
        byte[] wire = HEX.parseHex("c10201030102fffffffe0a0b0c0d0e0f1011" + "19456719beb0a70c3020b12d498da75a1325500dbaa5");
        MediaFrame frame = MediaFrame.parse(ByteBuffer.wrap(wire));
        assertThat(frame.header()).isEqualTo(new MediaFrameHeader(StreamKind.AUDIO, true, 3, 258, 4294967294L,
                0x0A0B0C0D0E0F1011L, 0));

        SFrame.Key key = SFrame.derive(1, baseKey);
        assertThat(HEX.formatHex(key.key().getEncoded())).isEqualTo("ee1b097e3e0e9094672824a8a6089932");
        assertThat(HEX.formatHex(key.salt())).isEqualTo("613a0fdaf0d7fe9834223433");
        assertThat(SFrame.encrypt(key, 0x4567, Arrays.copyOf(wire, MediaFrameHeader.SIZE),
                ByteBuffer.wrap(HEX.parseHex("f8fffe")))).isEqualTo(Arrays.copyOfRange(wire, MediaFrameHeader.SIZE, wire.length));

        MediaEncryption receiver = new MediaEncryption();
        receiver.install(258, new MediaKeyWrap.Release(1, baseKey));
        List<String> opened = new ArrayList<>();
        receiver.unprotect(frame, f -> {
            byte[] plain = new byte[f.payload().remaining()];
            f.payload().duplicate().get(plain);
            opened.add(HEX.formatHex(plain));
        });
        assertThat(opened).containsExactly("f8fffe");
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
