package dev.confab.meeting;

import dev.confab.testing.UnitTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The client's {@code view} messages: the latest state, at most one per 250 ms, again after every join. */
@UnitTest
class ViewReporterTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    private long now = 1_000 * MS;
    private final List<List<ShownCamera>> sent = new ArrayList<>();
    private final List<long[]> timers = new ArrayList<>(); // {due}
    private final List<Runnable> tasks = new ArrayList<>();
    private final ViewReporter reporter = new ViewReporter(sent::add, () -> now, (delay, task) -> {
        timers.add(new long[]{now + delay});
        tasks.add(task);
    });

    private static List<ShownCamera> page(int... ids) {
        List<ShownCamera> cameras = new ArrayList<>();
        for (int id : ids) {
            cameras.add(new ShownCamera(id, 640, 360));
        }
        return cameras;
    }

    /** Moves the clock on, running the timers that fall due on the way. */
    private void advance(long millis) {
        long until = now + millis * MS;
        while (true) {
            int next = -1;
            for (int i = 0; i < timers.size(); i++) {
                if (timers.get(i)[0] <= until && (next < 0 || timers.get(i)[0] < timers.get(next)[0])) {
                    next = i;
                }
            }
            if (next < 0) {
                break;
            }
            now = Math.max(now, timers.remove(next)[0]);
            tasks.remove(next).run();
        }
        now = until;
    }

    @Test
    void nothingIsSentUntilSomethingIsShownNotEvenOnJoining() {
        reporter.joined();
        advance(1_000);
        assertThat(sent).as("never sending a view means every camera").isEmpty();
    }

    @Test
    void aBurstOfChangesBecomesTheFirstAndThenTheLatestAQuarterSecondLater() {
        reporter.show(page(2, 3));
        assertThat(sent).as("the first goes at once").containsExactly(page(2, 3));

        advance(40);
        reporter.show(page(4, 5));
        advance(40);
        reporter.show(page(6, 7));
        advance(40);
        reporter.show(page(8, 9));
        assertThat(sent).as("within 250 ms of the last message nothing more").hasSize(1);

        advance(129);
        assertThat(sent).hasSize(1);
        advance(1);
        assertThat(sent).as("250 ms after the first: only the latest").containsExactly(page(2, 3), page(8, 9));
        advance(1_000);
        assertThat(sent).as("nothing changed since").hasSize(2);

        reporter.show(page(10));
        assertThat(sent).as("a change after a quiet spell goes at once").hasSize(3).last().isEqualTo(page(10));
    }

    @Test
    void aChangeUndoneWithinTheIntervalSendsNothingAndAnUnchangedViewIsNotRepeated() {
        reporter.show(page(2));
        reporter.show(page(2));
        advance(100);
        reporter.show(page(3));
        advance(50);
        reporter.show(page(2)); // back to what the server has
        advance(500);
        assertThat(sent).containsExactly(page(2));
    }

    @Test
    void afterEveryJoinOrResumeTheLatestViewGoesAtOnce() {
        reporter.show(page(2)); // before joining: the session drops it (not in a meeting)
        reporter.joined();
        assertThat(sent).containsExactly(page(2), page(2));

        advance(100);
        reporter.show(page(3)); // waits for the interval ...
        reporter.joined(); // ... but a new connection gets the latest now
        assertThat(sent).containsExactly(page(2), page(2), page(3));
        advance(500);
        assertThat(sent).as("the pending flush finds nothing new").hasSize(3);
    }
}
