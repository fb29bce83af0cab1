package dev.confab.meeting.history;

import dev.confab.meeting.poll.Poll;
import dev.confab.meeting.poll.PollResults;
import dev.confab.privacy.DataCategory;
import dev.confab.privacy.DataLocations;
import dev.confab.privacy.DataMap;
import dev.confab.storage.AppPaths;
import dev.confab.storage.AtRest;
import dev.confab.testing.UnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@UnitTest
class PollResultsStoreTest {

    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

    @TempDir
    Path dir;

    private static Poll endedPoll() {
        Map<String, List<Integer>> votes = new LinkedHashMap<>();
        votes.put("=cmd|' /C calc'!A0", List.of(1)); // a name chosen to run in a spreadsheet: the cell starts with it
        votes.put("Grace", List.of(1));
        votes.put("Lin", List.of(0));
        List<String> choices = List.of("Noodles", "Dumplings, steamed");
        return new Poll(3, "Lunch?", choices, false, "Ada", false, 3, List.of(), PollResults.of(choices, votes), null);
    }

    @Test
    void savedResultsAreADeclaredCsvWithVotersPerChoice() throws Exception {
        AppPaths paths = AppPaths.under(dir);
        Path file = PollResultsStore.of(paths).save("1234567890", endedPoll(), NOW);

        assertThat(file.getFileName().toString()).isEqualTo("20261206-120000-1234567890-poll3.csv");
        assertThat(DataMap.categoryOf(file, DataLocations.of(paths, true))).contains(DataCategory.POLL_RESULTS);
        String csv = new String(AtRest.files(paths).read(file), StandardCharsets.UTF_8);
        assertThat(csv.split("\r\n")).containsExactly(
                "meeting_id,question,choice,votes,voters",
                "1234567890,Lunch?,Noodles,1,Lin",
                "1234567890,Lunch?,\"Dumplings, steamed\",2,'=cmd|' /C calc'!A0; Grace");
    }

    @Test
    void onlyAModeratorHasResultsToSave() {
        Poll seenByAParticipant = new Poll(3, "Lunch?", List.of("A", "B"), false, "Ada", false, 3, List.of(0), null, null);
        assertThatThrownBy(() -> PollResultsCsv.of("1234567890", seenByAParticipant))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anEndedPollGoesIntoTheMeetingHistoryWithItsTotals() throws Exception {
        MeetingHistoryStore store = new MeetingHistoryStore(dir.resolve("history"));
        var recorder = new MeetingHistoryRecorder(store, Clock.fixed(NOW, ZoneOffset.UTC));
        recorder.onStateChanged(new dev.confab.meeting.SessionState.InMeeting("1234567890"));
        recorder.onPollChanged(endedPoll());

        assertThat(store.list()).singleElement().satisfies(r -> assertThat(r.polls()).containsExactly(
                new MeetingRecord.PollSummary("Lunch?", List.of("Noodles", "Dumplings, steamed"), List.of(1, 2), 3, NOW)));
    }
}
