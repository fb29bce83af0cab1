package dev.confab.meeting;

import dev.confab.testing.UnitTest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@UnitTest
class ChatModelTest {

    private static final Instant T = Instant.parse("2026-11-23T10:00:00Z");

    private static Attendee p(int id, String name, boolean recording) {
        return new Attendee(id, name, id == 1, false, false, false, recording, true, T);
    }

    private static Roster roster(Attendee... ps) {
        return new Roster("4842628111", 1, 1, false, false, List.of(ps), List.of());
    }

    @Test
    void messagesNoticesAndProblemsArriveInOrderAndObserversSeeEachOnce() {
        ChatModel model = new ChatModel();
        List<ChatModel.Entry> seen = new ArrayList<>();
        model.onEntry(seen::add);
        Attendee grace = p(2, "Grace", false);
        model.onRosterChanged(roster(p(1, "Ada", false)));
        model.onParticipantJoined(grace);
        model.onRosterChanged(roster(p(1, "Ada", false), grace));
        model.onChat(new ChatMessage(2, "Grace", "hi", false, T, List.of(1)));
        model.onChatSent(new ChatMessage(1, "Ada", "hello", true, T, List.of(2)));
        model.onChatFailed(new ChatFailure(ChatFailure.Kind.RATE_LIMITED, null, "x"));
        model.onRosterChanged(roster(p(1, "Ada", false), p(2, "Grace", true)));
        model.onParticipantLeft(new Roster.Departed(grace, DepartureReason.LEFT, T));

        assertThat(seen).isEqualTo(model.entries());
        assertThat(seen).hasSize(6);
        assertThat(seen.get(0)).isEqualTo(new ChatModel.Notice(ChatModel.NoticeKind.JOINED, "Grace", seen.get(0).at()));
        assertThat(((ChatModel.Message) seen.get(1)).own()).isFalse();
        assertThat(((ChatModel.Message) seen.get(2)).own()).isTrue();
        assertThat(seen.get(3)).isInstanceOf(ChatModel.Problem.class);
        assertThat(((ChatModel.Notice) seen.get(4)).kind()).isEqualTo(ChatModel.NoticeKind.RECORDING_STARTED);
        assertThat(((ChatModel.Notice) seen.get(5)).kind()).isEqualTo(ChatModel.NoticeKind.LEFT);
        assertThat(model.namesOf(List.of(2, 9))).containsExactly("Grace", "#9");
    }
}
