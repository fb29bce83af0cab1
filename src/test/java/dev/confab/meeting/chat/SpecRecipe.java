package dev.confab.meeting.chat;

import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The primitives of docs/security.md written out a second time, independently of the product's code, and the
 * reader of the document's test vectors: what the test-vector tests recompute the documented bytes with.
 */
final class SpecRecipe {
    static final HexFormat HEX = HexFormat.of();

    private SpecRecipe() {
    }

    /** RFC 5869 with SHA-256, 32 bytes of output: one expand block. */
    static byte[] hkdfSha256(byte[] ikm, byte[] salt, byte[] info) throws Exception {
        Mac extract = Mac.getInstance("HmacSHA256");
        extract.init(new SecretKeySpec(salt, "HmacSHA256"));
        byte[] prk = extract.doFinal(ikm);
        Mac expand = Mac.getInstance("HmacSHA256");
        expand.init(new SecretKeySpec(prk, "HmacSHA256"));
        expand.update(info);
        expand.update((byte) 1);
        return expand.doFinal();
    }

    static byte[] x25519(String privateHex, String peerPublicBase64) throws Exception {
        KeyAgreement agreement = KeyAgreement.getInstance("X25519");
        agreement.init(privateKey(privateHex));
        agreement.doPhase(ChatKeyPair.publicKey(Base64.getDecoder().decode(peerPublicBase64)), true);
        return agreement.generateSecret();
    }

    static byte[] gcm(byte[] key, byte[] nonce, byte[] plain, byte[] aad) throws Exception {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
        cipher.updateAAD(aad);
        return cipher.doFinal(plain);
    }

    static PrivateKey privateKey(String hex) throws Exception {
        return KeyFactory.getInstance("X25519").generatePrivate(new XECPrivateKeySpec(NamedParameterSpec.X25519, HEX.parseHex(hex)));
    }

    /** The product's key pair from a documented private key (hex) and public key (base64). */
    static ChatKeyPair keyPair(String privateHex, String publicBase64) throws Exception {
        return ChatKeyPair.of(new KeyPair(ChatKeyPair.publicKey(Base64.getDecoder().decode(publicBase64)), privateKey(privateHex)));
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** The {@code name: value} lines of the fenced block that follows {@code heading} in docs/security.md. */
    static Map<String, String> vector(String heading) {
        try {
            List<String> lines = Files.readAllLines(Path.of("docs/security.md"));
            int at = lines.indexOf(heading);
            if (at < 0) {
                throw new AssertionError("docs/security.md has no '" + heading + "' section");
            }
            int open = at + 1;
            while (!lines.get(open).startsWith("```")) {
                open++;
            }
            Map<String, String> values = new LinkedHashMap<>();
            for (int i = open + 1; !lines.get(i).startsWith("```"); i++) {
                int colon = lines.get(i).indexOf(": ");
                values.put(lines.get(i).substring(0, colon).strip(), lines.get(i).substring(colon + 2));
            }
            return values;
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
