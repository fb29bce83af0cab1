package dev.confab.ui.chat;

import dev.confab.meeting.Attendee;
import dev.confab.meeting.ChatMessage;
import dev.confab.meeting.ChatModel;
import dev.confab.meeting.Roster;
import dev.confab.ui.common.UiMessage;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The chat panel's state, without nodes: the entries (messages, joins and leaves, problems such as a message that
 * could not be sent, each as its own entry), the recipient choice (everyone, or one participant privately), the
 * unread count while the panel is hidden, and the security code. Plain and synchronous on the FX thread;
 * {@link #follow} hands the {@link ChatModel}'s changes (any thread) over.
 */
public final class ChatViewModel {

    /** An entry of the recipient picker; {@code id} 0 is "Everyone"; {@code left} after the participant left. */
    public record Recipient(int id, String name, boolean left) {
        public static final Recipient EVERYONE = new Recipient(0, null, false);

        public boolean everyone() {
            return id == 0;
        }
    }

    private final ChatModel model;
    private final ChatSender sender;
    private final ObservableList<ChatModel.Entry> entries = FXCollections.observableArrayList();
    private final ObservableList<Recipient> recipients = FXCollections.observableArrayList(Recipient.EVERYONE);
    private final ObjectProperty<Recipient> recipient = new SimpleObjectProperty<>(Recipient.EVERYONE);
    private final BooleanProperty privateChatAllowed = new SimpleBooleanProperty(true);
    private final ReadOnlyIntegerWrapper unread = new ReadOnlyIntegerWrapper();
    private final BooleanProperty shown = new SimpleBooleanProperty(true);
    private final ReadOnlyObjectWrapper<UiMessage> securityCode = new ReadOnlyObjectWrapper<>();
    private Consumer<List<ChatModel.Entry>> onAdded = added -> { };
    private Consumer<ChatModel.Message> onUnseen = message -> { };

    public ChatViewModel(ChatModel model, ChatSender sender) {
        this.model = Objects.requireNonNull(model, "model");
        this.sender = Objects.requireNonNull(sender, "sender");
        shown.addListener((obs, was, now) -> {
            if (now) {
                unread.set(0);
            }
        });
        syncEntries();
        showRoster(model.roster());
    }

    /** Follows the chat model, whose observers run on the session's thread, through {@code fxThread}. */
    public void follow(Executor fxThread) {
        model.onEntry(entry -> fxThread.execute(this::syncEntries));
        model.onRoster(roster -> fxThread.execute(() -> showRoster(roster)));
    }

    /** Appends what the model has beyond what is shown (the model only ever appends). */
    public void syncEntries() {
        List<ChatModel.Entry> all = model.entries();
        if (all.size() <= entries.size()) {
            return;
        }
        List<ChatModel.Entry> added = new ArrayList<>(all.subList(entries.size(), all.size()));
        entries.addAll(added);
        onAdded.accept(added);
        for (ChatModel.Entry entry : added) {
            if (entry instanceof ChatModel.Message m && !m.own() && !shown.get()) {
                unread.set(unread.get() + 1);
                onUnseen.accept(m);
            }
        }
    }

    /** Recipients follow the roster; a private conversation never silently switches to "Everyone". */
    public void showRoster(Roster roster) {
        String code = roster == null ? null : roster.securityCode();
        securityCode.set(code == null ? UiMessage.of("chat.securityCode.none") : UiMessage.of("chat.securityCode", code));
        Recipient selected = recipient.get();
        List<Recipient> items = new ArrayList<>(List.of(Recipient.EVERYONE));
        if (roster != null) {
            for (Attendee p : roster.participants()) {
                if (p.id() != roster.selfId()) {
                    items.add(new Recipient(p.id(), p.displayName(), false));
                }
            }
        }
        // A departed recipient is kept, marked as left, so the user sees why sending fails.
        Recipient keep = selected == null ? Recipient.EVERYONE : items.stream()
                .filter(r -> r.id() == selected.id()).findFirst()
                .orElse(new Recipient(selected.id(), selected.name(), true));
        if (!items.contains(keep)) {
            items.add(keep);
        }
        recipients.setAll(items);
        recipient.set(keep);
    }

    public static boolean sendable(String value) {
        return !value.isBlank() && ChatMessage.length(value) <= ChatMessage.MAX_CHARACTERS;
    }

    /** Sends {@code value} to the chosen recipient; false (nothing sent) when it is blank or too long. */
    public boolean send(String value) {
        if (!sendable(value)) {
            return false;
        }
        Recipient to = recipient.get();
        sender.send(to == null || to.everyone() ? List.of() : List.of(to.id()), value.strip());
        return true;
    }

    /** "Private to Ada: only Ada sees this", or null when writing to everyone. */
    public UiMessage privateNotice() {
        Recipient r = recipient.get();
        return r == null || r.everyone() ? null : UiMessage.of("chat.privateNotice", r.name());
    }

    /** Called with the entries just added (after they are in {@link #entries()}). */
    public void setOnAdded(Consumer<List<ChatModel.Entry>> action) {
        this.onAdded = Objects.requireNonNull(action);
    }

    /** Called with each message from someone else that arrives while the panel is hidden. */
    public void setOnUnseen(Consumer<ChatModel.Message> action) {
        this.onUnseen = Objects.requireNonNull(action);
    }

    public ObservableList<ChatModel.Entry> entries() {
        return entries;
    }

    public ObservableList<Recipient> recipients() {
        return recipients;
    }

    public ObjectProperty<Recipient> recipientProperty() {
        return recipient;
    }

    /** False when the administrator turned private messages off: Everyone only. */
    public BooleanProperty privateChatAllowedProperty() {
        return privateChatAllowed;
    }

    public ReadOnlyIntegerProperty unreadCount() {
        return unread.getReadOnlyProperty();
    }

    public BooleanProperty shownProperty() {
        return shown;
    }

    public ReadOnlyObjectProperty<UiMessage> securityCodeProperty() {
        return securityCode.getReadOnlyProperty();
    }

    ChatModel chat() {
        return model;
    }
}
