package dev.confab.recording;

import dev.confab.testing.UnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import static org.assertj.core.api.Assertions.assertThat;

@UnitTest
class RecordingFileNamesTest {
    private static final ZonedDateTime START = ZonedDateTime.of(2026, 11, 23, 14, 5, 59, 0, ZoneId.of("Europe/Berlin"));

    @TempDir
    Path dir;

    @Test
    void nameIsTopicAndLocalStartTime() {
        assertThat(RecordingFileNames.baseName("Weekly sync", "123-456", START)).isEqualTo("Weekly sync 2026-11-23 14-05");
    }

    @Test
    void meetingIdStandsInForAMissingTopic() {
        assertThat(RecordingFileNames.baseName("  ", "123-456", START)).isEqualTo("Meeting 123-456 2026-11-23 14-05");
        assertThat(RecordingFileNames.baseName(null, null, START)).isEqualTo("Meeting 2026-11-23 14-05");
    }

    @Test
    void chineseTopicsAreKept() {
        assertThat(RecordingFileNames.baseName("周会：产品评审", "1", START)).isEqualTo("周会：产品评审 2026-11-23 14-05");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../../etc/passwd", "..\\..\\Windows\\System32", "/absolute/path", "C:\\Users\\x", "a/../../b"})
    void pathsCannotEscapeTheFolder(String topic) throws Exception {
        String name = RecordingFileNames.sanitize(topic);
        assertThat(name).doesNotContain("/", "\\", "..").isNotBlank();
        Path resolved = dir.resolve(name + ".mp4").normalize();
        assertThat(resolved.getParent()).isEqualTo(dir);
        Files.writeString(resolved, "ok");
        assertThat(Files.readString(resolved)).isEqualTo("ok");
    }

    @Test
    void characterWindowsForbidsAndControlCharactersAreReplaced() {
        assertThat(RecordingFileNames.sanitize("Q&A: what? <yes> \"no\" a|b *star*")).isEqualTo("Q&A_ what_ _yes_ _no_ a_b _star_");
        assertThat(RecordingFileNames.sanitize("line\nbreak\ttab\u0000nul\u007fdel\u2028sep")).isEqualTo("line_break_tab_nul_del_sep");
    }

    @ParameterizedTest
    @ValueSource(strings = {"CON", "con", "PRN", "AUX", "NUL", "COM1", "com9", "LPT1", "LPT9", "nul.txt", "CON .mp4", "COM¹"})
    void windowsDeviceNamesAreDefused(String topic) {
        String name = RecordingFileNames.sanitize(topic);
        assertThat(name).startsWith("_");
    }

    @Test
    void namesThatMerelyStartLikeDevicesStay() {
        assertThat(RecordingFileNames.sanitize("Console review")).isEqualTo("Console review");
        assertThat(RecordingFileNames.sanitize("COM10")).isEqualTo("COM10");
    }

    @Test
    void leadingAndTrailingDotsAndSpacesAreRemoved() {
        assertThat(RecordingFileNames.sanitize("  .hidden plan. . ")).isEqualTo("hidden plan");
        assertThat(RecordingFileNames.sanitize("...")).isEqualTo(RecordingFileNames.FALLBACK);
        assertThat(RecordingFileNames.sanitize("..")).isEqualTo(RecordingFileNames.FALLBACK);
        assertThat(RecordingFileNames.sanitize("///")).isEqualTo(RecordingFileNames.FALLBACK);
        assertThat(RecordingFileNames.sanitize("")).isEqualTo(RecordingFileNames.FALLBACK);
    }

    @Test
    void longTopicsAreCutWithoutSplittingCharacters() {
        String emoji = "😀".repeat(100);
        String name = RecordingFileNames.sanitize(emoji);
        assertThat(name.codePointCount(0, name.length())).isEqualTo(RecordingFileNames.MAX_TOPIC_CODE_POINTS);
        assertThat(name).isEqualTo("😀".repeat(RecordingFileNames.MAX_TOPIC_CODE_POINTS));
        String full = RecordingFileNames.baseName("长".repeat(500), "1", START) + ".mp4.recording";
        assertThat(full.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isLessThan(255);
    }

    @Test
    void takenNamesGetANumber() throws Exception {
        Path first = RecordingFileNames.uniqueFile(dir, "Sync 2026-11-23 14-05", "mp4");
        assertThat(first.getFileName().toString()).isEqualTo("Sync 2026-11-23 14-05.mp4");
        Files.createFile(first);
        Path second = RecordingFileNames.uniqueFile(dir, "Sync 2026-11-23 14-05", "mp4");
        assertThat(second.getFileName().toString()).isEqualTo("Sync 2026-11-23 14-05 (2).mp4");
        Files.createFile(RecordingMarker.markerFor(second));
        assertThat(RecordingFileNames.uniqueFile(dir, "Sync 2026-11-23 14-05", "mp4").getFileName().toString())
                .isEqualTo("Sync 2026-11-23 14-05 (3).mp4");
    }
}
