package dev.confab.recording;

import dev.confab.media.MediaFileInfo;
import dev.confab.storage.MemoryVault;
import dev.confab.storage.SealedFiles;
import dev.confab.testing.IntegrationTest;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Encrypted recordings, end to end with real FFmpeg: nothing on disk decodes without the key from the keychain,
 * Confab's list reads them, export and play give an ordinary MP4 that decodes, a changed file is refused, and a
 * recording cut off mid-way is recovered still encrypted.
 */
@IntegrationTest
class EncryptedRecordingTest {
    private static final ZonedDateTime START = ZonedDateTime.of(2026, 12, 6, 9, 30, 0, 0, ZoneId.of("Europe/Berlin"));

    @TempDir
    Path folder;
    private final MemoryVault vault = new MemoryVault();
    private final SealedFiles keys = new SealedFiles(vault);

    @Test
    void anEncryptedRecordingOpensOnlyInConfabAndExportsAsAnOrdinaryVideo() throws Exception {
        RecordingSession session = RecordingSession.start(TestRecordings.storage(folder, f -> 1L << 40).encrypted(keys),
                "Board meeting", "111-222", START, outcome -> { });
        Path file = session.file();
        assertThat(file.getFileName().toString()).isEqualTo("Board meeting 2026-12-06 09-30.mp4.sealed");
        TestRecordings.FEED.feed(session, session, 3, 0, false);
        RecordingOutcome outcome = session.stop().get(30, TimeUnit.SECONDS);
        assertThat(outcome.problem()).isEmpty();
        assertThat(outcome.file()).contains(file);

        byte[] stored = Files.readAllBytes(file);
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).as("no container box or title in clear")
                .doesNotContain("ftyp", "moov", "moof", "Board meeting");
        assertThatThrownBy(() -> decodedPictures(file)).as("FFmpeg cannot read it without the key").isInstanceOf(Exception.class);
        assertThat(SealedFiles.isSealed(Files.readAllBytes(RecordingSeal.keyFileFor(file)))).isTrue();

        RecordingLibrary library = new RecordingLibrary(folder, keys);
        RecordingEntry entry = library.list().getFirst();
        assertThat(entry.encrypted()).isTrue();
        assertThat(entry.meeting()).isEqualTo("Board meeting");
        assertThat(entry.duration().toMillis()).isBetween(2900L, 3100L);

        Path exported = folder.resolve("exported").resolve("board.mp4");
        Files.createDirectories(exported.getParent());
        library.export(entry, exported);
        assertThat(MediaFileInfo.read(exported).title()).contains("Board meeting");
        assertThat(decodedPictures(exported)).isBetween(85, 95);

        Path copy = library.playableCopy(entry);
        assertThat(copy.getFileName().toString()).startsWith(".").endsWith(".playing.mp4");
        assertThat(decodedPictures(copy)).isBetween(85, 95);
        assertThat(library.list()).as("the copy for the player is not another recording").hasSize(1);
        library.deletePlayableCopies();
        assertThat(copy).doesNotExist();

        library.saveChatTranscript(file, "Ada: the merger is off");
        assertThat(new String(Files.readAllBytes(RecordingLibrary.chatTranscriptFor(file)), StandardCharsets.ISO_8859_1))
                .as("the chat beside an encrypted recording is sealed too").doesNotContain("merger");

        library.delete(entry);
        try (var left = Files.list(folder)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("exported");
        }
    }

    @Test
    void aChangedOrKeylessRecordingIsRefusedAndNothingIsWritten() throws Exception {
        RecordingSession session = RecordingSession.start(TestRecordings.storage(folder, f -> 1L << 40).encrypted(keys),
                "Budget", "111-222", START, outcome -> { });
        TestRecordings.FEED.feed(session, session, 1, 0, false);
        Path file = session.stop().get(30, TimeUnit.SECONDS).file().orElseThrow();
        RecordingLibrary library = new RecordingLibrary(folder, keys);
        RecordingEntry entry = library.list().getFirst();

        try (RandomAccessFile raw = new RandomAccessFile(file.toFile(), "rw")) {
            raw.seek(raw.length() / 2);
            int b = raw.read();
            raw.seek(raw.length() / 2);
            raw.write(b ^ 0x01);
        }
        Path target = folder.resolve("out.mp4");
        assertThatThrownBy(() -> library.export(entry, target)).isInstanceOf(IOException.class)
                .hasMessageContaining("was changed after Confab saved it");
        assertThat(target).doesNotExist();
        try (var left = Files.list(folder)) {
            assertThat(left.filter(p -> p.getFileName().toString().startsWith(".")).toList()).as("no partial clear copy").isEmpty();
        }

        vault.forget(); // consent withdrawn: the keychain's key is gone
        RecordingEntry keyless = new RecordingLibrary(folder, keys).list().getFirst();
        assertThat(keyless.duration().isZero()).as("still listed, so it can be deleted").isTrue();
        assertThatThrownBy(() -> new RecordingLibrary(folder, keys).export(keyless, target)).isInstanceOf(IOException.class);
        assertThat(target).doesNotExist();
    }

    @Test
    void aRecordingCutOffMidwayIsRecoveredStillEncryptedUnderANewKey() throws Exception {
        Path live = Files.createDirectories(folder.resolve("live"));
        Path crashed = Files.createDirectories(folder.resolve("crashed"));
        RecordingSession session = RecordingSession.start(TestRecordings.storage(live, f -> 1L << 40).encrypted(keys),
                "Standup", "111-222", START, outcome -> { });
        Path file = session.file();
        TestRecordings.FEED.feed(session, session, 3, 0, false);
        // What a crash leaves: the bytes written so far (the recorder pushes them out every 0.5 s), the key and a
        // marker whose process is gone.
        await().atMost(java.time.Duration.ofSeconds(20)).until(() -> Files.size(file) > 50_000);
        Path cut = crashed.resolve(file.getFileName());
        Files.copy(file, cut);
        Files.copy(RecordingSeal.keyFileFor(file), RecordingSeal.keyFileFor(cut));
        RecordingSeal before = RecordingSeal.of(cut, keys);
        new RecordingMarker(cut.getFileName().toString(), "Standup", START.toInstant(), -1).writeBeside(cut);
        session.stop().get(30, TimeUnit.SECONDS);

        RecordingRecovery recovery = new RecordingRecovery(crashed, keys);
        UnfinishedRecording found = recovery.scan().unfinished().getFirst();
        assertThat(found.playable().toMillis()).isPositive();
        recovery.keep(found);

        assertThat(new String(Files.readAllBytes(cut), StandardCharsets.ISO_8859_1)).doesNotContain("ftyp", "moov");
        assertThat(RecordingSeal.of(cut, keys).cipher()).as("a key is never used for two files").isNotEqualTo(before.cipher());
        RecordingLibrary library = new RecordingLibrary(crashed, keys);
        RecordingEntry entry = library.list().getFirst();
        Path exported = crashed.resolve("standup.mp4");
        library.export(entry, exported);
        assertThat(decodedPictures(exported)).isPositive();
    }

    private static int decodedPictures(Path file) throws Exception {
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile())) {
            grabber.start();
            int pictures = 0;
            for (Frame frame; (frame = grabber.grabImage()) != null; ) {
                pictures++;
            }
            return pictures;
        }
    }
}
