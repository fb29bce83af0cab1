package dev.confab.meeting.chat;

import dev.confab.meeting.files.FileCipher;
import dev.confab.protocol.FileChunkFrame;
import dev.confab.testing.UnitTest;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Map;

import static dev.confab.meeting.chat.SpecRecipe.HEX;
import static dev.confab.meeting.chat.SpecRecipe.concat;
import static dev.confab.meeting.chat.SpecRecipe.gcm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The sealed file chunk of docs/security.md section 10.5, recomputed from section 10.2's recipe with the JDK's
 * AES-GCM, then produced and opened by the product's {@link FileCipher} and {@link FileChunkFrame}.
 */
@UnitTest
class FileChunkTestVectorTest {
    private final Map<String, String> vector = SpecRecipe.vector("### 10.5 Test vector: one sealed chunk");

    @Test
    void theDocumentedRecipeProducesTheDocumentedChunkAndFrame() throws Exception {
        int transferId = Integer.parseInt(v("transferId"));
        int index = Integer.parseInt(v("index"));
        boolean last = Boolean.parseBoolean(v("last"));
        byte[] nonce = ByteBuffer.allocate(12).putInt(0).putInt(transferId).putInt(index).array();
        assertThat(HEX.formatHex(nonce)).isEqualTo(v("nonceHex"));
        byte[] aad = concat("confab-file-v1".getBytes(StandardCharsets.US_ASCII),
                ByteBuffer.allocate(9).putInt(transferId).putInt(index).put((byte) (last ? 1 : 0)).array());
        assertThat(HEX.formatHex(aad)).isEqualTo(v("aadHex"));
        byte[] sealed = gcm(HEX.parseHex(v("fileKeyHex")), nonce, HEX.parseHex(v("plaintextHex")), aad);
        assertThat(HEX.formatHex(sealed)).isEqualTo(v("sealedHex"));
        byte[] header = ByteBuffer.allocate(18).put((byte) 0xC1).put((byte) 5).put((byte) (last ? 1 : 0)).put((byte) 0)
                .putShort((short) 0).putInt(index).putLong(transferId).array();
        assertThat(HEX.formatHex(concat(header, sealed))).isEqualTo(v("frameHex"));
        assertThat(new String(HEX.parseHex(v("plaintextHex")), StandardCharsets.UTF_8)).isEqualTo("Quarterly numbers\n");
    }

    @Test
    void confabSealsFramesAndOpensTheDocumentedChunkOnlyInItsPlace() throws Exception {
        byte[] key = HEX.parseHex(v("fileKeyHex"));
        byte[] plain = HEX.parseHex(v("plaintextHex"));
        FileCipher cipher = new FileCipher(key, Integer.parseInt(v("transferId")));
        byte[] sealed = cipher.seal(0, true, plain, plain.length);
        assertThat(HEX.formatHex(sealed)).isEqualTo(v("sealedHex"));
        ByteBuffer frame = FileChunkFrame.encode(Integer.parseInt(v("transferId")), 0, true, sealed);
        byte[] wire = new byte[frame.remaining()];
        frame.get(wire);
        assertThat(HEX.formatHex(wire)).isEqualTo(v("frameHex"));

        byte[] documented = HEX.parseHex(v("sealedHex"));
        assertThat(cipher.open(0, true, documented)).isEqualTo(plain);
        assertThatThrownBy(() -> cipher.open(1, true, documented)).as("as another index")
                .isInstanceOf(GeneralSecurityException.class);
        assertThatThrownBy(() -> cipher.open(0, false, documented)).as("as a chunk that is not the last")
                .isInstanceOf(GeneralSecurityException.class);
        assertThatThrownBy(() -> new FileCipher(key, 8).open(0, true, documented)).as("in another transfer")
                .isInstanceOf(GeneralSecurityException.class);
    }

    private String v(String name) {
        String value = vector.get(name);
        if (value == null) {
            throw new AssertionError("docs/security.md's file-chunk test vector has no '" + name + "'");
        }
        return value;
    }
}
