package dev.confab.storage;

import dev.confab.testing.UnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Encryption at rest with a key held in memory (the product's key is in the OS keychain: OsKeychainTest). */
@UnitTest
class SealedFilesTest {
    private static final byte[] SECRET = "Ada met Grace about the merger".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    private Path sealedRecord(SealedFiles files) throws IOException {
        Path file = dir.resolve("record.json");
        files.write(file, SECRET);
        return file;
    }

    @Test
    void aSealedFileHoldsNoPlaintextAndReadsBack() throws IOException {
        SealedFiles files = new SealedFiles(new MemoryVault());
        Path file = sealedRecord(files);

        byte[] stored = Files.readAllBytes(file);
        assertThat(SealedFiles.isSealed(stored)).isTrue();
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("merger", "Ada");
        assertThat(files.read(file)).isEqualTo(SECRET);
        files.write(file, SECRET);
        assertThat(Files.readAllBytes(file)).as("a fresh nonce every time").isNotEqualTo(stored);
    }

    @Test
    void aChangedByteIsRefusedNotMisread() throws IOException {
        SealedFiles files = new SealedFiles(new MemoryVault());
        Path file = sealedRecord(files);
        byte[] stored = Files.readAllBytes(file);
        stored[stored.length - 3] ^= 1;
        Files.write(file, stored);
        assertThatThrownBy(() -> files.read(file)).isInstanceOf(IOException.class);
    }

    @Test
    void filesWrittenBeforeEncryptionStillReadAndNoKeyMeansNoEncryption() throws IOException {
        Path older = Files.write(dir.resolve("older.json"), SECRET);
        assertThat(new SealedFiles(new MemoryVault()).read(older)).isEqualTo(SECRET);

        SealedFiles plain = SealedFiles.PLAIN;
        Path file = dir.resolve("plain.json");
        plain.write(file, SECRET);
        assertThat(Files.readAllBytes(file)).isEqualTo(SECRET);
        assertThat(plain.sealing()).isFalse();
    }

    @Test
    void withTheKeyDeletedNothingSealedCanBeReadAgain() throws IOException {
        MemoryVault vault = new MemoryVault();
        SealedFiles files = new SealedFiles(vault);
        Path file = sealedRecord(files);
        vault.forget();
        assertThatThrownBy(() -> files.read(file)).isInstanceOf(IOException.class).hasMessageContaining("keychain");
    }
}
