package dev.confab.storage;

import dev.confab.meeting.history.MeetingHistoryStore;
import dev.confab.meeting.history.MeetingRecord;
import dev.confab.privacy.DataEraser;
import dev.confab.privacy.DataLocations;
import dev.confab.recording.RecordingLibrary;
import dev.confab.recording.TestRecordings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * Run by {@link RealKeychainTest} in JVMs of their own inside a D-Bus session with GNOME Keyring: the product's
 * own key vault ({@link OsKeychain} through {@link AtRest}) against a real Secret Service. Prints what it found.
 */
public final class RealKeychainChild {
    private static final Instant START = Instant.parse("2026-12-06T10:00:00Z");

    private RealKeychainChild() {
    }

    public static void main(String[] args) throws Exception {
        AppPaths paths = AppPaths.under(Path.of(args[1]));
        DataLocations locations = DataLocations.of(paths, true);
        SealedFiles files = AtRest.files(paths);
        switch (args[0]) {
            case "write" -> {
                System.out.println("sealing " + files.sealing());
                new SettingsStore(paths, Clock.systemUTC()).save(Settings.defaults().withIdentity("Grace Hopper", null));
                MeetingHistoryStore.of(paths).save(new MeetingRecord("1234567890", "Budget", MeetingRecord.OwnRole.HOST,
                        START, null, List.of(new MeetingRecord.Attendance("Ada Lovelace", START, null))));
                Path recording = TestRecordings.recordEncrypted(Files.createDirectories(locations.recordings()), "Budget",
                        ZonedDateTime.parse("2026-12-06T10:00:00Z"), 1, files);
                System.out.println("recorded " + recording.getFileName());
            }
            case "read" -> {
                System.out.println("name " + new SettingsStore(paths, Clock.systemUTC()).load().settings().displayName());
                System.out.println("history " + MeetingHistoryStore.of(paths).list().getFirst().participants().getFirst().displayName());
                var entry = new RecordingLibrary(locations.recordings(), files).list().getFirst();
                Path exported = locations.paths().data().resolve("exported.mp4");
                new RecordingLibrary(locations.recordings(), files).export(entry, exported);
                System.out.println("exported " + Files.size(exported) + " encrypted " + entry.encrypted());
            }
            case "withdraw" -> {
                new DataEraser(locations).eraseEverything();
                System.out.println("key after withdrawing " + new OsKeychain(paths.data()).key(false).isPresent());
            }
            default -> throw new IllegalArgumentException(args[0]);
        }
    }
}
