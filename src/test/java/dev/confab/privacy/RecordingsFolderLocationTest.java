package dev.confab.privacy;

import dev.confab.recording.RecordingStorage;
import dev.confab.storage.AppPaths;
import dev.confab.storage.Settings;
import dev.confab.storage.SettingsStore;
import dev.confab.testing.UnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;

/** The recordings folder chosen in Settings, as the recorder, the recordings list and the privacy center see it. */
@UnitTest
class RecordingsFolderLocationTest {
    @TempDir
    Path dir;

    @Test
    void theFolderChosenInSettingsIsWhereRecordingsAreAndTheDefaultOtherwise() throws Exception {
        AppPaths paths = AppPaths.under(dir.resolve("home"));
        Path chosen = dir.resolve("Meetings on the big disk");
        assertThat(DataLocations.ofUser(paths).recordings()).as("nothing stored yet")
                .isEqualTo(DataLocations.forApp(paths).recordings());

        new SettingsStore(paths, Clock.systemUTC()).save(Settings.defaults().withRecordingsFolder(chosen.toString()));
        DataLocations user = DataLocations.ofUser(paths);
        assertThat(user.recordings()).isEqualTo(chosen);
        assertThat(user.roots(DataCategory.RECORDINGS)).containsExactly(chosen);
    }

    @Test
    void aDamagedValueOrSettingsFileMeansTheDefaultFolderAndTheFileIsLeftAlone() throws Exception {
        AppPaths paths = AppPaths.under(dir.resolve("home"));
        Path fallback = DataLocations.forApp(paths).recordings();
        assertThat(DataLocations.forApp(paths, Settings.defaults().withRecordingsFolder("Videos/relative")).recordings())
                .isEqualTo(fallback);
        assertThat(DataLocations.forApp(paths, Settings.defaults().withRecordingsFolder("/a\u0000b")).recordings())
                .isEqualTo(fallback);

        Files.createDirectories(paths.settingsFile().getParent());
        Files.writeString(paths.settingsFile(), "{\"recordingsFolder\": [1, 2");
        assertThat(DataLocations.ofUser(paths).recordings()).isEqualTo(fallback);
        assertThat(paths.settingsFile()).hasContent("{\"recordingsFolder\": [1, 2");
    }

    @Test
    void theDefaultOutsideAPortableInstallIsTheRecordersVideosFolder() {
        assertThat(DataLocations.defaultRecordings()).isEqualTo(RecordingStorage.defaultFolder());
    }

    /** A user may choose their whole Videos folder: the privacy center must count and delete only Confab's files. */
    @Test
    void inAChosenFolderOnlyConfabsRecordingsAreListedExportedAndErased() throws Exception {
        AppPaths paths = AppPaths.under(dir.resolve("home"));
        Path videos = Files.createDirectories(dir.resolve("Videos"));
        Path holiday = Files.writeString(videos.resolve("holiday.mp4"), "the user's own");
        Path album = Files.createDirectories(videos.resolve("Album"));
        Files.writeString(album.resolve("Standup 2026-11-23 09-00.mp4"), "also the user's, in their own subfolder");
        Path recording = Files.writeString(videos.resolve("Standup 2026-11-23 09-00.mp4"), "Confab's");
        Path chat = Files.writeString(videos.resolve("Standup 2026-11-23 09-00.chat.txt"), "[09:01] Ada: hi");
        DataLocations loc = DataLocations.forApp(paths, Settings.defaults().withRecordingsFolder(videos.toString()));

        assertThat(new DataInventory(loc).items(DataCategory.RECORDINGS)).extracting(DataItem::file)
                .containsExactlyInAnyOrder(recording, chat);
        new DataEraser(loc).eraseEverything();

        assertThat(recording).doesNotExist();
        assertThat(chat).doesNotExist();
        assertThat(holiday).hasContent("the user's own");
        assertThat(album.resolve("Standup 2026-11-23 09-00.mp4")).exists();
        assertThat(videos).as("the folder the user chose stays").isDirectory();
    }
}
