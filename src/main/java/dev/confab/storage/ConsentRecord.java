package dev.confab.storage;

import java.time.Instant;

/** The user's agreement to one version of the privacy notice, in the language they read it in. */
public record ConsentRecord(int policyVersion, Instant agreedAt, String language) {
    public ConsentRecord {
        if (policyVersion < 1 || agreedAt == null || language == null || language.isBlank()) {
            throw new IllegalArgumentException("Incomplete consent record");
        }
    }
}
