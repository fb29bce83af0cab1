package dev.confab.meeting.files;

import dev.confab.protocol.FileChunkFrame;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * One file being sent: hashed, then read, sealed and handed to the connection chunk by chunk on its own
 * (virtual) thread, never more than {@link FileChunkFrame#WINDOW} chunks ahead of the server's {@code file_ack}s.
 */
final class OutgoingFile {

    private static final SecureRandom RANDOM = new SecureRandom();

    final int transferId;
    final Path path;
    final String name;
    final long size;
    final List<Integer> recipients;
    private final Semaphore window = new Semaphore(FileChunkFrame.WINDOW);
    private final byte[] key = new byte[FileCipher.KEY_BYTES];
    private volatile boolean stopped;
    /** Chunks acknowledged; written on the session's event thread only. */
    int acknowledged;

    OutgoingFile(int transferId, Path path, long size, List<Integer> recipients) {
        this.transferId = transferId;
        this.path = path;
        this.name = FileTypes.safeName(path.getFileName().toString());
        this.size = size;
        this.recipients = List.copyOf(recipients);
        RANDOM.nextBytes(key);
    }

    int chunks() {
        return FileManifest.chunksFor(size);
    }

    /** Reads the whole file once for its SHA-256 (the manifest goes before the first chunk). */
    FileManifest manifest() throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(path)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha.update(buffer, 0, n);
            }
        }
        return new FileManifest(FileManifest.KIND, transferId, name, FileTypes.typeOf(name), size,
                HexFormat.of().formatHex(sha.digest()), Base64.getEncoder().encodeToString(key));
    }

    /**
     * Sends every chunk through {@code send} (false: the connection is gone), waiting for room in the window.
     * Returns normally when all were sent, early when {@link #stop} was called.
     *
     * @throws IOException when the file cannot be read or changed size meanwhile
     */
    void sendChunks(Predicate<ByteBuffer> send) throws IOException, InterruptedException {
        FileCipher cipher = new FileCipher(key, transferId);
        int chunks = chunks();
        byte[] buffer = new byte[FileChunkFrame.CHUNK_BYTES];
        try (InputStream in = Files.newInputStream(path)) {
            for (int index = 0; index < chunks && !stopped; index++) {
                while (!window.tryAcquire(200, TimeUnit.MILLISECONDS)) {
                    if (stopped) {
                        return;
                    }
                }
                int length = in.readNBytes(buffer, 0, buffer.length);
                boolean last = index == chunks - 1;
                long expected = last ? size - (long) index * FileChunkFrame.CHUNK_BYTES : FileChunkFrame.CHUNK_BYTES;
                if (length != expected) {
                    throw new IOException("The file changed while it was being sent");
                }
                byte[] sealed;
                try {
                    sealed = cipher.seal(index, last, buffer, length);
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException("AES-GCM unavailable", e);
                }
                if (!send.test(FileChunkFrame.encode(transferId, index, last, sealed))) {
                    return;
                }
            }
        }
    }

    /** The server took a chunk to every recipient: one more may go. Returns the plain bytes now delivered. */
    long acknowledged() {
        acknowledged++;
        window.release();
        return Math.min(size, (long) acknowledged * FileChunkFrame.CHUNK_BYTES);
    }

    boolean done() {
        return acknowledged >= chunks();
    }

    void stop() {
        stopped = true;
    }

    boolean stopped() {
        return stopped;
    }
}
