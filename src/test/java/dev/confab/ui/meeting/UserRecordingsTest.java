package dev.confab.ui.meeting;

import dev.confab.storage.AppPaths;
import dev.confab.storage.AtRest;
import dev.confab.storage.MemoryVault;
import dev.confab.storage.Settings;
import dev.confab.storage.SettingsStore;
import dev.confab.testing.UnitTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;

/** The meeting's recorder encrypts exactly when the user chose it in Settings and a keychain can keep the keys. */
@UnitTest
class UserRecordingsTest {
    @TempDir
    Path dir;

    @AfterEach
    void keychainAgain() {
        AtRest.useKeychain(AppPaths.under(dir));
    }

    @Test
    void recordingsAreEncryptedOnlyWhenChosenAndAKeychainExists() throws Exception {
        AppPaths paths = AppPaths.under(dir);
        AtRest.useVault(paths, new MemoryVault());
        SettingsStore store = new SettingsStore(paths, Clock.systemUTC());
        store.save(Settings.defaults());
        assertThat(MeetingLauncher.userRecordings(paths).encryption()).as("off by default").isEmpty();

        store.save(Settings.defaults().withEncryptRecordings(true));
        assertThat(MeetingLauncher.userRecordings(paths).encryption()).isPresent();

        AtRest.useVault(paths, new dev.confab.storage.NoKeychain());
        store.save(Settings.defaults().withEncryptRecordings(true));
        assertThat(MeetingLauncher.userRecordings(paths).encryption()).as("no keychain: ordinary recordings").isEmpty();
    }
}
