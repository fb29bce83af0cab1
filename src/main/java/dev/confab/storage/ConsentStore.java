package dev.confab.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * Persists {@link ConsentRecord}. A missing or unreadable record counts as "no consent": the app asks again
 * rather than assuming agreement.
 */
public final class ConsentStore {
    private final Path file;
    private final Clock clock;

    public ConsentStore(AppPaths paths, Clock clock) {
        this.file = paths.consentFile();
        this.clock = clock;
    }

    public Optional<ConsentRecord> load() {
        try {
            return Optional.of(JsonFiles.MAPPER.readValue(Files.readAllBytes(file), ConsentRecord.class));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            try {
                JsonFiles.moveAside(file, clock);
            } catch (IOException | RuntimeException ignored) {
                // Asking again is the safe outcome either way.
            }
            return Optional.empty();
        }
    }

    /** Records agreement to {@code policyVersion} now. */
    public ConsentRecord agree(int policyVersion, String language) throws IOException {
        ConsentRecord record = new ConsentRecord(policyVersion, clock.instant(), language);
        AtomicFiles.write(file, JsonFiles.MAPPER.writeValueAsBytes(record));
        return record;
    }

    /** True when the stored consent covers {@code currentVersion} of the notice. */
    public static boolean covers(Optional<ConsentRecord> record, int currentVersion) {
        return record.map(r -> r.policyVersion() >= currentVersion).orElse(false);
    }
}
