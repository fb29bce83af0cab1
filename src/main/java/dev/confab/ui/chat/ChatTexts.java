package dev.confab.ui.chat;

import dev.confab.meeting.ChatModel;
import dev.confab.ui.common.UiText;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** The words for chat entries, shared by the message list, "Save chat", kept history and toasts. */
final class ChatTexts {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.systemDefault());
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private final UiText text;
    private final ChatModel model;

    ChatTexts(UiText text, ChatModel model) {
        this.text = text;
        this.model = model;
    }

    static String time(Instant at) {
        return TIME.format(at);
    }

    /** "Private to Grace" / "Private from Ada", or null for a message to everyone. */
    String privateMark(ChatModel.Message m) {
        if (!m.message().direct()) {
            return null;
        }
        return m.own() ? text.get("chat.privateTo", String.join(", ", model.namesOf(m.message().recipientIds())))
                : text.get("chat.privateFrom", m.message().fromName());
    }

    String notice(ChatModel.Notice n) {
        return text.get("chat.notice." + n.kind().name().toLowerCase(java.util.Locale.ROOT), n.participantName());
    }

    String problem(ChatModel.Problem p) {
        String name = p.failure().participantName();
        if (name == null && p.failure().kind() == dev.confab.meeting.ChatFailure.Kind.RECIPIENT_LEFT) {
            return text.get("chat.failure.recipient_left.someone"); // the server noticed first; no name to show
        }
        return text.get(p.failure().messageKey(), name == null ? "" : name);
    }

    String sender(ChatModel.Message m) {
        return m.own() ? text.get("chat.you") : m.message().fromName();
    }

    /** One line of a saved transcript; message text keeps its own line breaks, indented. */
    String transcriptLine(ChatModel.Entry entry) {
        String stamp = "[" + STAMP.format(entry.at()) + "] ";
        return stamp + switch (entry) {
            case ChatModel.Message m -> {
                String mark = !m.message().direct() ? null : m.own() ? privateMark(m) : text.get("chat.private");
                yield sender(m) + (mark == null ? "" : " (" + mark + ")") + ": "
                        + m.message().text().replace("\r", "").replace("\n", "\n    ");
            }
            case ChatModel.Notice n -> "* " + notice(n);
            case ChatModel.Problem p -> "! " + problem(p);
        };
    }

    /** What a toast says about a message that arrived while the panel was hidden. */
    String toast(ChatModel.Message m) {
        String mark = privateMark(m);
        String body = m.message().text().strip();
        if (body.length() > 80) {
            body = body.substring(0, body.offsetByCodePoints(0, Math.min(77, body.codePointCount(0, body.length())))) + "…";
        }
        return (mark == null ? m.message().fromName() : mark) + ": " + body;
    }
}
