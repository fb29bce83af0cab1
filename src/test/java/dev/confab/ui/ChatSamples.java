package dev.confab.ui;

import dev.confab.meeting.Attendee;
import dev.confab.meeting.ChatFailure;
import dev.confab.meeting.ChatMessage;
import dev.confab.meeting.ChatModel;
import dev.confab.meeting.DepartureReason;
import dev.confab.meeting.Roster;
import dev.confab.meeting.chat.ChatKeyPair;
import dev.confab.meeting.chat.SecurityCode;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A chat as it may look mid-meeting, for screenshots: emoji, a link, private messages, notices, a problem. */
final class ChatSamples {

    private ChatSamples() {
    }

    static ChatModel model() {
        Instant t = Instant.parse("2026-11-23T10:15:00Z");
        Attendee ada = participant(1, "Ada", true, t);
        Attendee grace = participant(2, "Grace Hopper", false, t.plusSeconds(30));
        Attendee lin = participant(3, "林晓", false, t.plusSeconds(60));
        Map<Integer, String> chatKeys = new LinkedHashMap<>();
        for (int id = 1; id <= 3; id++) {
            chatKeys.put(id, ChatKeyPair.generate().publicKeyBase64());
        }
        ChatModel model = new ChatModel();
        model.onRosterChanged(new Roster("4842628111", 1, 1, false, false, List.of(ada, grace, lin), List.of(),
                SecurityCode.of("4842628111", chatKeys)));
        model.onParticipantJoined(lin);
        model.onChat(new ChatMessage(2, "Grace Hopper", "Good morning! 👋 Here is the agenda: https://example.org/agenda?week=48",
                false, t.plusSeconds(90), List.of(1, 3)));
        model.onChatSent(new ChatMessage(1, "Ada", "Thanks 🙂 I will share my screen in a minute.\nFirst item: the release 🚀",
                false, t.plusSeconds(120), List.of(2, 3)));
        model.onChat(new ChatMessage(3, "林晓", "你好！Could you unmute? 🎤", true, t.plusSeconds(150), List.of(1)));
        model.onChatSent(new ChatMessage(1, "Ada", "Done, thank you.", true, t.plusSeconds(160), List.of(3)));
        model.onChatFailed(new ChatFailure(ChatFailure.Kind.RATE_LIMITED, null, "sample"));
        chatKeys.remove(3);
        model.onRosterChanged(new Roster("4842628111", 1, 1, false, false, List.of(ada, grace),
                List.of(new Roster.Departed(lin, DepartureReason.LEFT, t.plusSeconds(200))),
                SecurityCode.of("4842628111", chatKeys)));
        model.onParticipantLeft(new Roster.Departed(lin, DepartureReason.LEFT, t.plusSeconds(200)));
        return model;
    }

    private static Attendee participant(int id, String name, boolean host, Instant joined) {
        return new Attendee(id, name, host, false, true, false, false, true, joined);
    }
}
