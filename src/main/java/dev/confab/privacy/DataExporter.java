package dev.confab.privacy;

import dev.confab.recording.RecordingSeal;

import dev.confab.storage.AtRest;
import dev.confab.storage.AtomicFiles;
import dev.confab.storage.SealedFiles;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * "Export all": one ZIP with every stored file under {@code <category>/<name>} (records are JSON already)
 * and a {@code manifest.json} listing categories, items, sizes and SHA-256 hashes. Written to a temporary
 * sibling and renamed, so an interrupted export never leaves a half ZIP under the chosen name.
 */
public final class DataExporter {

    public record ManifestItem(String path, long size, String sha256) {
    }

    public record ManifestCategory(String category, List<ManifestItem> items) {
    }

    public record Manifest(String format, Instant exportedAt, List<ManifestCategory> categories) {
    }

    public static final String MANIFEST = "manifest.json";
    private static final long SMALL_FILE_BYTES = 32L * 1024 * 1024;

    private final DataInventory inventory;
    private final SealedFiles files;
    private final Clock clock;

    public DataExporter(DataLocations locations, Clock clock) {
        this.inventory = new DataInventory(locations);
        this.files = AtRest.files(locations.paths());
        this.clock = clock;
    }

    public Manifest export(Path target) throws IOException {
        Path absolute = target.toAbsolutePath().normalize();
        Path dir = absolute.getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + absolute.getFileName() + ".", ".tmp");
        try {
            AtomicFiles.restrictFile(tmp);
            Manifest manifest;
            try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(tmp))) {
                List<ManifestCategory> categories = new ArrayList<>();
                for (DataCategory category : DataCategory.values()) {
                    List<ManifestItem> items = new ArrayList<>();
                    for (DataItem item : inventory.items(category)) {
                        if (item.file().toAbsolutePath().normalize().equals(absolute)) {
                            continue; // an export saved inside a Confab folder does not contain itself
                        }
                        if (RecordingSeal.isKeyFile(item.file())) {
                            continue; // the recording it opens is exported decrypted instead
                        }
                        String entry = category.cliName() + "/" + item.name();
                        items.add(RecordingSeal.isEncrypted(item.file())
                                ? decrypted(item.file(), entry.substring(0, entry.length() - ".sealed".length()), zip)
                                : copy(item.file(), entry, zip));
                    }
                    categories.add(new ManifestCategory(category.cliName(), items));
                }
                manifest = new Manifest("confab-export/1", clock.instant(), categories);
                zip.putNextEntry(new ZipEntry(MANIFEST));
                zip.write(PrivacyJson.MAPPER.writeValueAsBytes(manifest));
                zip.closeEntry();
            }
            try {
                Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
            return manifest;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** A file encrypted at rest is exported decrypted: the export is the user's own readable copy. */
    private ManifestItem copy(Path file, String entry, ZipOutputStream zip) throws IOException {
        if (small(file)) {
            byte[] content = files.read(file);
            zip.putNextEntry(new ZipEntry(entry));
            zip.write(content);
            zip.closeEntry();
            return new ManifestItem(entry, content.length, HexFormat.of().formatHex(sha256().digest(content)));
        }
        return new ManifestItem(entry, Files.size(file), stream(file, entry, zip));
    }

    /** An encrypted recording is exported as the ordinary video it holds, its MAC checked on the way. */
    private ManifestItem decrypted(Path file, String entry, ZipOutputStream zip) throws IOException {
        MessageDigest sha = sha256();
        zip.putNextEntry(new ZipEntry(entry));
        long[] size = {0};
        OutputStream both = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[]{(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                zip.write(b, off, len);
                sha.update(b, off, len);
                size[0] += len;
            }
        };
        RecordingSeal.of(file, files).decryptTo(file, both);
        zip.closeEntry();
        return new ManifestItem(entry, size[0], HexFormat.of().formatHex(sha.digest()));
    }

    /** Sealed files are the small records (history, chats, pictures, certificates); recordings are streamed. */
    private static boolean small(Path file) throws IOException {
        return Files.size(file) <= SMALL_FILE_BYTES;
    }

    private static String stream(Path file, String entry, ZipOutputStream zip) throws IOException {
        MessageDigest sha = sha256();
        zip.putNextEntry(new ZipEntry(entry));
        try (InputStream in = Files.newInputStream(file)) {
            OutputStream hashing = new DigestOutputStream(OutputStream.nullOutputStream(), sha);
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                zip.write(buffer, 0, n);
                hashing.write(buffer, 0, n);
            }
        }
        zip.closeEntry();
        return HexFormat.of().formatHex(sha.digest());
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
