package dev.confab.ui.chat;

import dev.confab.meeting.Attendee;
import dev.confab.meeting.ChatFailure;
import dev.confab.meeting.ChatMessage;
import dev.confab.meeting.ChatModel;
import dev.confab.meeting.Roster;
import dev.confab.testing.UnitTest;
import dev.confab.ui.common.UiMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The chat panel's state without nodes or toolkit; the model's events are handed over synchronously here. */
@UnitTest
class ChatViewModelTest {
    private final ChatModel chat = new ChatModel();
    private final List<String> sent = new ArrayList<>();
    private final ChatViewModel model = new ChatViewModel(chat, (to, text) -> sent.add(to + " " + text));

    @BeforeEach
    void follow() {
        model.follow(Runnable::run);
    }

    private static Attendee person(int id, String name) {
        return new Attendee(id, name, id == 1, false, false, false, false, true, Instant.EPOCH);
    }

    private static Roster roster(String code, Attendee... people) {
        return new Roster("123456789", 1, 1, false, false, List.of(people), List.of(), code);
    }

    private static ChatMessage from(int id, String name, String text) {
        return new ChatMessage(id, name, text, false, Instant.EPOCH, List.of());
    }

    @Test
    void unreadRisesWhileHiddenAndResetsWhenShown() {
        List<ChatModel.Message> unseen = new ArrayList<>();
        model.setOnUnseen(unseen::add);
        chat.onChat(from(2, "Grace", "seen"));
        assertThat(model.unreadCount().get()).as("the panel is open").isZero();

        model.shownProperty().set(false);
        chat.onChat(from(2, "Grace", "one"));
        chat.onChatSent(from(1, "Ada", "my own"));
        chat.onChat(from(2, "Grace", "two"));
        assertThat(model.unreadCount().get()).as("own messages do not count").isEqualTo(2);
        assertThat(unseen).extracting(m -> m.message().text()).containsExactly("one", "two");

        model.shownProperty().set(true);
        assertThat(model.unreadCount().get()).isZero();
        assertThat(model.entries()).hasSize(4);
    }

    @Test
    void aFailedSendShowsAsItsOwnEntryAndLeavesTheMessagesAlone() {
        chat.onChatSent(from(1, "Ada", "hello"));
        chat.onChatFailed(new ChatFailure(ChatFailure.Kind.RATE_LIMITED, null, "too fast"));
        chat.onChatSent(from(1, "Ada", "again"));
        assertThat(model.entries()).hasSize(3);
        assertThat(model.entries().get(1)).isInstanceOfSatisfying(ChatModel.Problem.class,
                p -> assertThat(p.failure().kind()).isEqualTo(ChatFailure.Kind.RATE_LIMITED));
        assertThat(model.entries().get(0)).isInstanceOf(ChatModel.Message.class);
        assertThat(model.entries().get(2)).isInstanceOf(ChatModel.Message.class);
        assertThat(model.unreadCount().get()).as("a problem is not a message from someone").isZero();
    }

    @Test
    void recipientsAreEveryoneElseAndAPrivateChoiceSurvivesTheirLeaving() {
        chat.onRosterChanged(roster("1111 2222", person(1, "Ada"), person(2, "Grace"), person(3, "Alan")));
        assertThat(model.recipients()).extracting(ChatViewModel.Recipient::name)
                .containsExactly(null, "Grace", "Alan");
        assertThat(model.recipientProperty().get()).isEqualTo(ChatViewModel.Recipient.EVERYONE);
        assertThat(model.privateNotice()).isNull();

        model.recipientProperty().set(model.recipients().get(1));
        assertThat(model.privateNotice()).isEqualTo(UiMessage.of("chat.privateNotice", "Grace"));
        assertThat(model.send("  psst  ")).isTrue();
        assertThat(sent).containsExactly("[2] psst");

        chat.onRosterChanged(roster("1111 2222", person(1, "Ada"), person(3, "Alan")));
        assertThat(model.recipientProperty().get()).as("never silently to everyone")
                .isEqualTo(new ChatViewModel.Recipient(2, "Grace", true));
        assertThat(model.recipients()).contains(new ChatViewModel.Recipient(2, "Grace", true));
    }

    @Test
    void blankOrOverlongTextIsNotSent() {
        assertThat(model.send("   ")).isFalse();
        assertThat(model.send("x".repeat(ChatMessage.MAX_CHARACTERS + 1))).isFalse();
        assertThat(model.send("hi")).isTrue();
        assertThat(sent).containsExactly("[] hi");
    }

    @Test
    void theSecurityCodeFollowsTheRoster() {
        assertThat(model.securityCodeProperty().get()).isEqualTo(UiMessage.of("chat.securityCode.none"));
        chat.onRosterChanged(roster("1234 5678", person(1, "Ada")));
        assertThat(model.securityCodeProperty().get()).isEqualTo(UiMessage.of("chat.securityCode", "1234 5678"));
    }
}
