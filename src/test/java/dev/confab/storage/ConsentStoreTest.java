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
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

@UnitTest
class ConsentStoreTest {
    @TempDir
    Path dir;
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-23T10:15:30Z"), ZoneOffset.UTC);

    @Test
    void agreementIsStoredWithVersionTimeAndLanguage() throws IOException {
        ConsentStore store = new ConsentStore(AppPaths.under(dir), clock);
        store.agree(3, "zh-CN");
        assertThat(store.load()).contains(new ConsentRecord(3, clock.instant(), "zh-CN"));
    }

    @Test
    void onlyAnAgreementToTheCurrentVersionOrNewerCovers() {
        ConsentRecord v1 = new ConsentRecord(1, clock.instant(), "en");
        assertThat(ConsentStore.covers(Optional.of(v1), 1)).isTrue();
        assertThat(ConsentStore.covers(Optional.of(v1), 2)).isFalse();
        assertThat(ConsentStore.covers(Optional.empty(), 1)).isFalse();
    }

    @Test
    void anUnreadableRecordCountsAsNoConsent() throws IOException {
        AppPaths paths = AppPaths.under(dir);
        Files.createDirectories(paths.config());
        Files.writeString(paths.consentFile(), "{\"policyVersion\": 0}");
        assertThat(new ConsentStore(paths, clock).load()).isEmpty();
    }
}
