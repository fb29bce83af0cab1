package dev.confab.server;

import dev.confab.protocol.RecordingPolicy;
import dev.confab.testing.MutableClock;
import dev.confab.testing.UnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The server's schedule file: restarts, a damaged file, and forgetting tombstones. */
@UnitTest
class ScheduleBookTest {

    private static final ScheduleLimits LIMITS = new ScheduleLimits(5, 10, Duration.ofHours(1), Duration.ofDays(7),
            Duration.ofDays(366), Duration.ofMinutes(1));
    private final MutableClock clock = new MutableClock();

    private ScheduledMeeting planned() {
        return new ScheduledMeeting(null, "Retro", clock.instant().plus(Duration.ofHours(1)), 30, "UTC", null, false,
                RecordingPolicy.HOST_ONLY, null);
    }

    @Test
    void aDamagedFileIsMovedAsideAndTheServerStartsWithAnEmptySchedule(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(ScheduleFile.NAME), "{ not json");
        ScheduleBook book = new ScheduleBook(new ScheduleFile(dir), LIMITS, clock);
        assertThat(book.size()).isZero();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .anyMatch(name -> name.startsWith(ScheduleFile.NAME + ".unreadable-"));
        }
        String id = book.add(planned(), "10.0.0.1", x -> false).meeting().id();
        assertThat(new ScheduleBook(new ScheduleFile(dir), LIMITS, clock).find(id))
                .isInstanceOf(ScheduleStore.Lookup.Active.class);
    }

    @Test
    void aCancelledIdIsRememberedAsCancelledAcrossARestartThenForgotten(@TempDir Path dir) {
        ScheduleBook book = new ScheduleBook(new ScheduleFile(dir), LIMITS, clock);
        String id = book.add(planned(), "10.0.0.1", x -> false).meeting().id();
        book.cancel(id);
        ScheduleBook restarted = new ScheduleBook(new ScheduleFile(dir), LIMITS, clock);
        assertThat(restarted.find(id)).isEqualTo(new ScheduleStore.Lookup.Ended(ScheduleFile.Gone.CANCELLED));
        assertThat(restarted.holds(id)).as("not handed to a new meeting meanwhile").isTrue();
        clock.advance(Duration.ofDays(7));
        assertThat(restarted.find(id)).isEqualTo(new ScheduleStore.Lookup.Unknown());
        assertThat(restarted.holds(id)).isFalse();
    }
}
