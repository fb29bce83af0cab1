package dev.confab.storage;

import dev.confab.testing.UnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

@UnitTest
class SettingsStoreTest {
    @TempDir
    Path dir;
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-23T10:15:30Z"), ZoneOffset.UTC);

    private SettingsStore store() {
        return new SettingsStore(AppPaths.under(dir), clock);
    }

    @Test
    void savedSettingsComeBackUnchanged() throws IOException {
        Settings saved = Settings.defaults().withLanguage("zh-CN").withTheme(Settings.Theme.DARK)
                .withIdentity("李雷", "wss://meet.example.org:8443").withCamera("/dev/video0", false)
                .withMicrophone("lavfi:sine", true);
        store().save(saved);

        SettingsStore.LoadResult loaded = store().load();
        assertThat(loaded.settings()).isEqualTo(saved);
        assertThat(loaded.recovered()).isFalse();
        assertThat(Files.readString(store().file())).contains("\"schemaVersion\" : 1");
    }

    @Test
    void missingFileMeansDefaultsWithoutANotice() {
        SettingsStore.LoadResult loaded = store().load();
        assertThat(loaded.settings()).isEqualTo(Settings.defaults());
        assertThat(loaded.recovered()).isFalse();
        assertThat(Files.exists(store().file())).as("loading writes nothing").isFalse();
    }

    @Test
    void corruptFileIsMovedAsideAndReported() throws IOException {
        Files.createDirectories(store().file().getParent());
        Files.writeString(store().file(), "{ \"schemaVersion\": 1, \"displayName\": ");

        SettingsStore.LoadResult loaded = store().load();

        assertThat(loaded.settings()).isEqualTo(Settings.defaults());
        assertThat(loaded.recovered()).isTrue();
        Path aside = loaded.movedAsideTo().orElseThrow();
        assertThat(aside.getFileName().toString()).isEqualTo("settings.json.corrupt-20261123-101530");
        assertThat(Files.readString(aside)).as("the user's bytes are kept").startsWith("{ \"schemaVersion\": 1");
        assertThat(Files.exists(store().file())).isFalse();
    }

    @Test
    void wrongShapeCountsAsCorrupt() throws IOException {
        Files.createDirectories(store().file().getParent());
        Files.writeString(store().file(), "[1, 2, 3]");
        assertThat(store().load().recovered()).isTrue();
        Files.writeString(store().file(), "{\"theme\": \"PURPLE\", \"schemaVersion\": 1}");
        assertThat(store().load().recovered()).isTrue();
        Files.writeString(store().file(), "{\"displayName\": \"x\"}");
        assertThat(store().load().recovered()).as("no schema version").isTrue();
    }

    @Test
    void aSecondCorruptionDoesNotOverwriteTheFirstCopy() throws IOException {
        Files.createDirectories(store().file().getParent());
        Files.writeString(store().file(), "first");
        Path first = store().load().movedAsideTo().orElseThrow();
        Files.writeString(store().file(), "second");
        Path second = store().load().movedAsideTo().orElseThrow();
        assertThat(second).isNotEqualTo(first);
        assertThat(Files.readString(first)).isEqualTo("first");
        assertThat(Files.readString(second)).isEqualTo("second");
    }

    @Test
    void saveIsAtomicAndOwnerOnly() throws IOException {
        store().save(Settings.defaults().withIdentity("Ada", null));
        store().save(Settings.defaults().withIdentity("Grace", null));
        try (var files = Files.list(store().file().getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).as("no temp files left").containsExactly("settings.json");
        }
        assertThat(store().load().settings().displayName()).isEqualTo("Grace");
        if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(store().file())))
                    .isEqualTo("rw-------");
        }
    }

    @Test
    void unknownFieldsFromANewerVersionAreIgnored() throws IOException {
        Files.createDirectories(store().file().getParent());
        Files.writeString(store().file(), "{\"schemaVersion\": 2, \"displayName\": \"Ada\", \"futureThing\": true,"
                + " \"theme\": \"DARK\", \"cameraOn\": true, \"micOn\": false}");
        SettingsStore.LoadResult loaded = store().load();
        assertThat(loaded.recovered()).isFalse();
        assertThat(loaded.settings().displayName()).isEqualTo("Ada");
        assertThat(loaded.settings().micOn()).isFalse();
        assertThat(loaded.settings().schemaVersion()).as("saved back as what this release understands").isEqualTo(Settings.SCHEMA_VERSION);
    }

    @Test
    void backgroundEffectAndNoiseSuppressionAreRememberedAndOlderFilesGetTheDefaults() throws IOException {
        Files.createDirectories(store().file().getParent());
        Files.writeString(store().file(), "{\"schemaVersion\": 1, \"displayName\": \"Ada\", \"cameraOn\": true, \"micOn\": true}");
        Settings older = store().load().settings();
        assertThat(older.backgroundEffect()).isEqualTo("off");
        assertThat(older.noiseSuppression()).as("on unless switched off").isTrue();

        store().save(older.withBackground("picture", "/home/ada/beach.png").withNoiseSuppression(false));
        Settings back = store().load().settings();
        assertThat(back.backgroundEffect()).isEqualTo("picture");
        assertThat(back.backgroundPicture()).isEqualTo("/home/ada/beach.png");
        assertThat(back.noiseSuppression()).isFalse();
        assertThat(back.withTheme(Settings.Theme.DARK).backgroundPicture()).as("kept by other changes").isEqualTo("/home/ada/beach.png");
    }
}
