package dev.confab.privacy;

import dev.confab.storage.AppPaths;
import dev.confab.storage.Settings;
import dev.confab.storage.SettingsStore;
import dev.confab.testing.UnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;

@UnitTest
class DataEraserTest {
    @TempDir
    Path dir;

    @Test
    void erasingTheProfileRemovesTheNameAndAPictureAnOlderVersionKeptButKeepsOtherSettings() throws Exception {
        AppPaths paths = AppPaths.under(dir.resolve("home"));
        DataLocations loc = DataLocations.of(paths, true);
        SettingsStore settings = new SettingsStore(paths, Clock.systemUTC());
        settings.save(Settings.defaults().withIdentity("Ada", "wss://meet.example.org").withTheme(Settings.Theme.DARK));
        Path legacyPicture = Files.createDirectories(loc.profileFolder()).resolve("avatar.png");
        ImageIO.write(new BufferedImage(10, 5, BufferedImage.TYPE_INT_RGB), "png", legacyPicture.toFile());
        assertThat(new DataInventory(loc).summary(DataCategory.PROFILE).items()).isEqualTo(1);

        new DataEraser(loc).erase(DataCategory.PROFILE);

        assertThat(legacyPicture).doesNotExist();
        assertThat(loc.profileFolder()).doesNotExist();
        Settings after = settings.load().settings();
        assertThat(after.displayName()).isEmpty();
        assertThat(after.server()).isEqualTo("wss://meet.example.org");
        assertThat(after.theme()).isEqualTo(Settings.Theme.DARK);
    }

    @Test
    void erasingRecordingsNeverFollowsALinkOutOfConfabsFolder() throws Exception {
        AppPaths paths = AppPaths.under(dir.resolve("home"));
        DataLocations loc = DataLocations.of(paths, true);
        Path outside = Files.writeString(dir.resolve("holiday.mkv"), "not Confab's");
        Path recordings = Files.createDirectories(loc.recordings());
        Files.writeString(recordings.resolve("meeting.mkv"), "ours");
        Files.createSymbolicLink(recordings.resolve("linked.mkv"), outside);

        assertThat(new DataInventory(loc).summary(DataCategory.RECORDINGS).items()).isEqualTo(1);
        new DataEraser(loc).erase(DataCategory.RECORDINGS);

        assertThat(recordings.resolve("meeting.mkv")).doesNotExist();
        assertThat(outside).hasContent("not Confab's");
    }
}
