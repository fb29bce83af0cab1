package dev.confab.ui.chat;

import java.util.List;

/**
 * Sends what the user typed. {@code privateTo} empty means everyone. The meeting screen passes
 * {@code (to, text) -> { if (to.isEmpty()) session.sendChat(text); else session.sendChatTo(to, text); }}.
 * The outcome comes back through the {@link dev.confab.meeting.ChatModel} (own message or a problem).
 */
@FunctionalInterface
public interface ChatSender {
    void send(List<Integer> privateTo, String text);
}
