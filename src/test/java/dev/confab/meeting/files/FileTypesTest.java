package dev.confab.meeting.files;

import dev.confab.protocol.FileChunkFrame;
import dev.confab.testing.UnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What a received file's name may do on this computer, and the sizes a sender announces. */
@UnitTest
class FileTypesTest {

    @TempDir
    Path dir;

    @Test
    void aSendersNameCannotReachAnotherFolderOrHideTheFile() {
        assertThat(FileTypes.safeName("../../.bashrc")).isEqualTo("bashrc");
        assertThat(FileTypes.safeName("C:\\Windows\\System32\\evil.dll")).isEqualTo("evil.dll");
        assertThat(FileTypes.safeName("report<1>?.pdf")).isEqualTo("report1.pdf");
        assertThat(FileTypes.safeName("line\nbreak\u0000.txt")).isEqualTo("linebreak.txt");
        assertThat(FileTypes.safeName("...")).isEqualTo("file");
        assertThat(FileTypes.safeName("报告 2027.xlsx")).isEqualTo("报告 2027.xlsx");
    }

    @Test
    void programsAndMacroDocumentsAreFlaggedOrdinaryDocumentsAreNot() {
        assertThat(FileTypes.executable("setup.EXE")).isTrue();
        assertThat(FileTypes.executable("run.sh")).isTrue();
        assertThat(FileTypes.executable("budget.xlsm")).isTrue();
        assertThat(FileTypes.executable("slides.pdf.exe")).isTrue();
        assertThat(FileTypes.executable("slides.pdf")).isFalse();
        assertThat(FileTypes.executable("README")).isFalse();
        assertThat(FileTypes.typeOf("photo.JPG")).isEqualTo("image/jpeg");
        assertThat(FileTypes.typeOf("data.weird")).isEqualTo("application/octet-stream");
    }

    @Test
    void savingIntoAFolderNeverOverwritesAnEarlierFile() throws Exception {
        ReceivedFile file = new ReceivedFile(1, 2, "Grace", "../notes.txt", "text/plain", 2, "0".repeat(64), false,
                Instant.EPOCH, "hi".getBytes());
        Path first = file.saveInto(dir);
        Path second = file.saveInto(dir);
        assertThat(first).isEqualTo(dir.resolve("notes.txt"));
        assertThat(second).isEqualTo(dir.resolve("notes (2).txt"));
        assertThat(Files.readString(second)).isEqualTo("hi");
    }

    @Test
    void theAnnouncedSizeCountsEveryChunksTag() {
        assertThat(FileManifest.chunksFor(0)).isEqualTo(1);
        assertThat(FileManifest.sealedSize(0)).isEqualTo(FileChunkFrame.TAG_BYTES);
        assertThat(FileManifest.chunksFor(FileChunkFrame.CHUNK_BYTES)).isEqualTo(1);
        assertThat(FileManifest.chunksFor(FileChunkFrame.CHUNK_BYTES + 1)).isEqualTo(2);
        assertThat(FileManifest.sealedSize(100L * 1024 * 1024)).isEqualTo(100L * 1024 * 1024 + 6400L * 16);
    }

    @Test
    void aChunkOpensOnlyAtItsOwnPlaceUnderItsOwnKey() throws Exception {
        byte[] key = new byte[FileCipher.KEY_BYTES];
        FileCipher cipher = new FileCipher(key, 7);
        byte[] sealed = cipher.seal(3, false, "chunk".getBytes(), 5);
        assertThat(new String(cipher.open(3, false, sealed))).isEqualTo("chunk");
        assertThatThrownBy(() -> cipher.open(4, false, sealed)).as("moved").isInstanceOf(java.security.GeneralSecurityException.class);
        assertThatThrownBy(() -> cipher.open(3, true, sealed)).as("passed off as the last").isInstanceOf(java.security.GeneralSecurityException.class);
        assertThatThrownBy(() -> new FileCipher(key, 8).open(3, false, sealed)).as("another transfer")
                .isInstanceOf(java.security.GeneralSecurityException.class);
    }
}
