package dev.confab.privacy;

import dev.confab.meeting.KnownServers;
import dev.confab.meeting.history.MeetingHistoryStore;
import dev.confab.meeting.history.MeetingRecord;
import dev.confab.storage.AppPaths;
import dev.confab.storage.AtRest;
import dev.confab.storage.ChatHistoryStore;
import dev.confab.storage.MemoryVault;
import dev.confab.storage.OsKeychain;
import dev.confab.storage.SealedFiles;
import dev.confab.storage.Settings;
import dev.confab.storage.SettingsStore;
import dev.confab.testing.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What Confab stores is encrypted with a key from the vault: the OS keychain for real where there is none (this
 * machine: headless Linux), and a key held in memory for the round trip; export decrypts, withdrawing deletes.
 */
@IntegrationTest
class EncryptionAtRestTest {
    private static final Instant START = Instant.parse("2026-11-23T10:15:30Z");
    private static final MeetingRecord RECORD = new MeetingRecord("1234567890", "Budget", MeetingRecord.OwnRole.HOST,
            START, null, List.of(new MeetingRecord.Attendance("Grace Hopper", START, null)));

    @TempDir
    Path dir;

    @AfterEach
    void keychainAgain() {
        AtRest.useKeychain(AppPaths.under(dir));
    }

    @Test
    void withoutAKeychainConfabSaysSoAndKeepsTodaysOwnerOnlyFiles() throws Exception {
        AppPaths paths = AppPaths.under(dir);
        OsKeychain keychain = new OsKeychain(paths.data());
        MeetingHistoryStore history = MeetingHistoryStore.of(paths);
        history.save(RECORD);
        byte[] stored = Files.readAllBytes(history.fileOf(RECORD));
        assertThat(history.list()).containsExactly(RECORD);
        if (keychain.available()) {
            try { // a desktop with a keychain: the key is made, kept in it and deleted with consent
                assertThat(SealedFiles.isSealed(stored)).isTrue();
                assertThat(new OsKeychain(paths.data()).key(false)).isPresent();
            } finally {
                keychain.forget();
            }
            assertThat(new OsKeychain(paths.data()).key(false)).isEmpty();
            return;
        }
        assertThat(keychain.key(true)).isEmpty();
        assertThat(SealedFiles.isSealed(stored)).as("no keychain: written as before").isFalse();
        assertThat(AtRest.files(paths).sealing()).isFalse();
        new DataEraser(DataLocations.of(paths, true)).eraseEverything(); // forgetting a key nobody holds is fine
    }

    @Test
    void historyChatsCertificatesAndPicturesAreSealedExportedReadableAndUnreadableOnceTheKeyIsGone() throws Exception {
        AppPaths paths = AppPaths.under(dir);
        MemoryVault vault = new MemoryVault();
        AtRest.useVault(paths, vault);
        DataLocations locations = DataLocations.of(paths, true);

        MeetingHistoryStore.of(paths).save(RECORD);
        var transcript = new ChatHistoryStore(paths).open(Settings.defaults().withKeepChatHistory(true), "1234567890", START);
        transcript.append("Grace: the merger is off");
        transcript.append("Ada: noted");
        KnownServers.load(paths.knownServersFile(), AtRest.files(paths)).trust(URI.create("wss://meet.example.org:47100"), "ab".repeat(32));
        AtRest.files(paths).write(locations.annotations().resolve("confab-share-1.png"), new byte[]{(byte) 0x89, 'P', 'N', 'G'});

        for (DataCategory category : List.of(DataCategory.MEETING_HISTORY, DataCategory.SAVED_CHATS,
                DataCategory.PINNED_CERTIFICATES, DataCategory.ANNOTATIONS)) {
            for (DataItem item : new DataInventory(locations).items(category)) {
                byte[] stored = Files.readAllBytes(item.file());
                assertThat(SealedFiles.isSealed(stored)).as(item.file().toString()).isTrue();
                assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("Grace", "merger", "meet.example");
            }
        }
        assertThat(MeetingHistoryStore.of(paths).list()).containsExactly(RECORD);
        assertThat(new String(AtRest.files(paths).read(transcript.file()), StandardCharsets.UTF_8))
                .isEqualTo("Grace: the merger is off" + System.lineSeparator() + "Ada: noted" + System.lineSeparator());
        assertThat(KnownServers.load(paths.knownServersFile(), AtRest.files(paths))
                .fingerprintFor(URI.create("wss://meet.example.org:47100"))).isPresent();

        Path zip = dir.resolveSibling(dir.getFileName() + "-export.zip");
        new DataExporter(locations, Clock.systemUTC()).export(zip);
        try (ZipFile z = new ZipFile(zip.toFile())) {
            String chat = new String(z.getInputStream(z.stream().filter(e -> e.getName().startsWith("saved-chats/"))
                    .findFirst().orElseThrow()).readAllBytes(), StandardCharsets.UTF_8);
            assertThat(chat).as("the export is the user's readable copy").contains("the merger is off");
        } finally {
            Files.deleteIfExists(zip);
        }

        new DataEraser(locations).eraseEverything();
        assertThat(vault.holdsKey()).as("withdrawing consent deletes the key").isFalse();
    }

    @Test
    void theProfileIsSealedWithTheSettingsAndALostKeyStartsFromTheDefaultsWithANotice() throws Exception {
        AppPaths paths = AppPaths.under(dir);
        MemoryVault vault = new MemoryVault();
        AtRest.useVault(paths, vault);
        SettingsStore store = new SettingsStore(paths, Clock.systemUTC());
        Settings profile = Settings.defaults().withIdentity("Grace Hopper", "wss://meet.example.org:47100").withLanguage("zh-CN");
        store.save(profile);

        byte[] stored = Files.readAllBytes(paths.settingsFile());
        assertThat(SealedFiles.isSealed(stored)).isTrue();
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("Grace", "meet.example");
        assertThat(store.load().settings()).isEqualTo(profile);
        assertThat(store.peek().displayName()).isEqualTo("Grace Hopper");
        List<String> warnings = new java.util.ArrayList<>();
        assertThat(dev.confab.policy.UserSettingsValues.read(paths, warnings))
                .as("the policy reader opens the sealed file too").containsValue("wss://meet.example.org:47100");
        assertThat(warnings).isEmpty();

        Path zip = dir.resolveSibling(dir.getFileName() + "-settings.zip");
        new DataExporter(DataLocations.of(paths, true), Clock.systemUTC()).export(zip);
        try (ZipFile z = new ZipFile(zip.toFile())) {
            String settings = new String(z.getInputStream(z.stream().filter(e -> e.getName().endsWith("settings.json"))
                    .findFirst().orElseThrow()).readAllBytes(), StandardCharsets.UTF_8);
            assertThat(settings).as("exported decrypted").contains("Grace Hopper");
        } finally {
            Files.deleteIfExists(zip);
        }

        vault.forget();
        SettingsStore.LoadResult afterKeyLost = new SettingsStore(paths, Clock.systemUTC()).load();
        assertThat(afterKeyLost.settings()).isEqualTo(Settings.defaults());
        assertThat(afterKeyLost.problem()).as("the user is told, not silently reset").hasValueSatisfying(
                problem -> assertThat(problem).contains("keychain"));
        assertThat(afterKeyLost.movedAsideTo()).isPresent();
    }

    @Test
    void anEncryptedRecordingIsExportedAsTheVideoItHoldsWithoutItsKey() throws Exception {
        AppPaths paths = AppPaths.under(dir);
        AtRest.useVault(paths, new MemoryVault());
        DataLocations locations = DataLocations.of(paths, true);
        Path recording = dev.confab.recording.TestRecordings.recordEncrypted(Files.createDirectories(locations.recordings()),
                "Budget", java.time.ZonedDateTime.parse("2026-12-06T10:00:00Z"), 1, AtRest.files(paths));

        Path zip = dir.resolveSibling(dir.getFileName() + "-recordings.zip");
        new DataExporter(locations, Clock.systemUTC()).export(zip);
        try (ZipFile z = new ZipFile(zip.toFile())) {
            List<String> names = z.stream().map(java.util.zip.ZipEntry::getName).filter(n -> n.startsWith("recordings/")).toList();
            assertThat(names).containsExactly("recordings/Budget 2026-12-06 10-00.mp4");
            byte[] head = z.getInputStream(z.getEntry(names.getFirst())).readNBytes(8);
            assertThat(new String(head, 4, 4, StandardCharsets.ISO_8859_1)).as("an ordinary MP4").isEqualTo("ftyp");
        } finally {
            Files.deleteIfExists(zip);
        }

        new DataEraser(locations).eraseEverything();
        assertThat(recording).doesNotExist();
        assertThat(dev.confab.recording.RecordingSeal.keyFileFor(recording)).doesNotExist();
    }
}
