package dev.confab.meeting.files;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One file being received: its chunks are opened in order into memory and hashed; after the last one the size
 * and SHA-256 must match the sender's manifest. Confined to one thread.
 */
final class IncomingFile {

    /** What a chunk did to the transfer. */
    enum Step { MORE, COMPLETE }

    /** The transfer cannot complete; {@code kind} is CORRUPTED or INCOMPLETE. */
    static final class Broken extends Exception {
        final FileFailure.Kind kind;

        Broken(FileFailure.Kind kind, String message) {
            super(message);
            this.kind = kind;
        }
    }

    final FileManifest manifest;
    final boolean direct;
    final java.time.Instant sentAt;
    private final FileCipher cipher;
    private final byte[] content;
    private final MessageDigest sha;
    private int nextIndex;
    private int filled;

    IncomingFile(FileManifest manifest, boolean direct, java.time.Instant sentAt) {
        this.manifest = manifest;
        this.direct = direct;
        this.sentAt = sentAt;
        this.cipher = new FileCipher(manifest.keyBytes(), manifest.transferId());
        this.content = new byte[Math.toIntExact(manifest.size())];
        try {
            this.sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    Step accept(int index, boolean last, byte[] sealed) throws Broken {
        if (index != nextIndex) {
            throw new Broken(FileFailure.Kind.INCOMPLETE, "Chunk " + nextIndex + " missing (got " + index + ")");
        }
        byte[] plain;
        try {
            plain = cipher.open(index, last, sealed);
        } catch (GeneralSecurityException e) {
            throw new Broken(FileFailure.Kind.CORRUPTED, "Chunk " + index + " failed authentication");
        }
        if (plain.length > content.length - filled) {
            throw new Broken(FileFailure.Kind.CORRUPTED, "More data than the announced " + content.length + " bytes");
        }
        System.arraycopy(plain, 0, content, filled, plain.length);
        sha.update(plain);
        filled += plain.length;
        nextIndex++;
        if (!last) {
            return Step.MORE;
        }
        if (filled != content.length) {
            throw new Broken(FileFailure.Kind.INCOMPLETE, filled + " of " + content.length + " bytes arrived");
        }
        String actual = HexFormat.of().formatHex(sha.digest());
        if (!actual.equalsIgnoreCase(manifest.sha256())) {
            throw new Broken(FileFailure.Kind.CORRUPTED, "SHA-256 " + actual + " is not the sender's " + manifest.sha256());
        }
        return Step.COMPLETE;
    }

    /** The reassembled bytes, once {@link #accept} returned COMPLETE. */
    byte[] content() {
        return content;
    }
}
