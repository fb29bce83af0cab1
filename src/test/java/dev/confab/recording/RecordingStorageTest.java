package dev.confab.recording;

import dev.confab.testing.UnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@UnitTest
class RecordingStorageTest {
    @TempDir
    Path home;

    @Test
    void windowsUsesTheProfileVideosFolder() {
        Path profile = home.resolve("Users").resolve("ana");
        assertThat(RecordingStorage.videosFolder("Windows 11", Map.of("USERPROFILE", profile.toString()), home))
                .isEqualTo(profile.resolve("Videos"));
    }

    @Test
    void macUsesMovies() {
        assertThat(RecordingStorage.videosFolder("Mac OS X", Map.of(), home)).isEqualTo(home.resolve("Movies"));
    }

    @Test
    void linuxFollowsTheXdgVideosDirectory() throws Exception {
        Path config = Files.createDirectories(home.resolve(".config"));
        Files.writeString(config.resolve("user-dirs.dirs"), """
                # written by xdg-user-dirs-update
                XDG_DESKTOP_DIR="$HOME/Desktop"
                XDG_VIDEOS_DIR="$HOME/Vidéos"
                """);
        assertThat(RecordingStorage.videosFolder("Linux", Map.of(), home)).isEqualTo(home.resolve("Vidéos"));
    }

    @Test
    void linuxHonoursXdgConfigHomeAndAbsolutePaths() throws Exception {
        Path config = Files.createDirectories(home.resolve("elsewhere"));
        Files.writeString(config.resolve("user-dirs.dirs"), "XDG_VIDEOS_DIR=\"/srv/media/videos\"\n");
        assertThat(RecordingStorage.videosFolder("Linux", Map.of("XDG_CONFIG_HOME", config.toString()), home))
                .isEqualTo(Path.of("/srv/media/videos"));
    }

    @Test
    void linuxFallsBackToVideosWhenTheXdgFolderIsMissingOrDisabled() throws Exception {
        assertThat(RecordingStorage.videosFolder("Linux", Map.of(), home)).isEqualTo(home.resolve("Videos"));
        Path config = Files.createDirectories(home.resolve(".config"));
        Files.writeString(config.resolve("user-dirs.dirs"), "XDG_VIDEOS_DIR=\"$HOME/\"\n");
        assertThat(RecordingStorage.videosFolder("Linux", Map.of(), home)).isEqualTo(home.resolve("Videos"));
    }

    @Test
    void defaultFolderIsAConfabSubfolder() {
        assertThat(RecordingStorage.defaultFolder().getFileName().toString()).isEqualTo("Confab");
    }

    @Test
    void thresholdsMustMakeSense() {
        assertThatThrownBy(() -> new RecordingStorage(home, f -> 0, 10, 20, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RecordingStorage(home, f -> 0, 20, 10, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void realProbeReportsTheDisksFreeSpace() throws Exception {
        RecordingStorage storage = RecordingStorage.in(home);
        assertThat(storage.freeBytes()).isPositive();
    }

    @Test
    void aFolderNotCreatedYetIsMeasuredOnTheDiskItWillBeCreatedOn() throws Exception {
        RecordingStorage storage = RecordingStorage.in(home.resolve("Videos").resolve("Confab"));
        assertThat(storage.freeBytes()).isPositive();
        assertThat(home.resolve("Videos")).as("measuring creates nothing").doesNotExist();
    }
}
