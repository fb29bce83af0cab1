package dev.confab.meeting.poll;

import dev.confab.testing.UnitTest;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@UnitTest
class PollWireTest {

    @Test
    void aVoteLineNamesItsPollAndOpensOnlyForIt() {
        String line = VoteLine.encode(7, List.of(2, 0));
        assertThat(line).isEqualTo("confab-poll-vote-v1\n7\n0,2");
        assertThat(VoteLine.decode(line, 7, 3, true)).contains(List.of(0, 2));
        assertThat(VoteLine.decode(line, 8, 3, true)).as("moved to another poll").isEmpty();
        assertThat(VoteLine.decode(line, 7, 3, false)).as("two choices in a single-choice poll").isEmpty();
        assertThat(VoteLine.decode(line, 7, 2, true)).as("a choice the poll does not have").isEmpty();
        assertThat(VoteLine.decode("hello", 7, 3, true)).as("a chat message is not a vote").isEmpty();
    }

    @Test
    void theCommandLineFormSplitsQuestionAndChoices() {
        PollDraft draft = PollDraft.parse("Lunch? | Noodles|Dumplings ", false);
        assertThat(draft.question()).isEqualTo("Lunch?");
        assertThat(draft.choices()).containsExactly("Noodles", "Dumplings");
        assertThatThrownBy(() -> PollDraft.parse("Lunch?|Noodles", false)).hasMessageContaining("choices");
        assertThatThrownBy(() -> PollDraft.parse("|A|B", false)).hasMessageContaining("question");
    }

    @Test
    void resultsListVotersPerChoiceInArrivalOrder() {
        Map<String, List<Integer>> votes = new LinkedHashMap<>();
        votes.put("Lin", List.of(1));
        votes.put("Ada", List.of(0, 1));
        PollResults results = PollResults.of(List.of("A", "B"), votes);
        assertThat(results.totals()).containsExactly(1, 2);
        assertThat(results.choices().get(1).voters()).containsExactly("Lin", "Ada");
    }
}
