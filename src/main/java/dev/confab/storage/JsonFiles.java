package dev.confab.storage;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;

/** Shared JSON mapper for the small per-user files, and the "move a damaged file aside" rule. */
final class JsonFiles {
    static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private JsonFiles() {
    }

    /**
     * Renames an unreadable file to {@code <name>.corrupt-<time>} so the user's data is kept for inspection
     * instead of being overwritten by defaults. Returns the new path.
     */
    static Path moveAside(Path file, Clock clock) throws IOException {
        Path target = file.resolveSibling(file.getFileName() + ".corrupt-" + STAMP.format(clock.instant()));
        for (int n = 2; Files.exists(target); n++) {
            target = file.resolveSibling(file.getFileName() + ".corrupt-" + STAMP.format(clock.instant()) + "-" + n);
        }
        return Files.move(file, target);
    }
}
