package dev.confab.meeting;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The chat of one meeting visit as the user sees it: messages (own and received), join/leave notices and
 * problems, in order. Fed by {@link MeetingListener} events (forward them, or register it as a listener); it
 * is not JavaFX-aware, so observers are called on the feeding thread and a UI must marshal. Nothing is stored:
 * the list lives as long as this object.
 */
public final class ChatModel implements MeetingListener {

    /** One line in the chat. */
    public sealed interface Entry {
        Instant at();
    }

    /** A chat message; {@code own} when this client sent it. */
    public record Message(ChatMessage message, boolean own) implements Entry {
        @Override
        public Instant at() {
            return message.sentAt();
        }
    }

    /** Something that happened in the meeting, shown centered and grey. */
    public record Notice(NoticeKind kind, String participantName, Instant at) implements Entry {
    }

    public enum NoticeKind { JOINED, LEFT, RECORDING_STARTED, RECORDING_STOPPED }

    /** A message that could not be sent or read. */
    public record Problem(ChatFailure failure, Instant at) implements Entry {
    }

    private final List<Entry> entries = new CopyOnWriteArrayList<>();
    private final List<Consumer<Entry>> entryObservers = new CopyOnWriteArrayList<>();
    private final List<Consumer<Roster>> rosterObservers = new CopyOnWriteArrayList<>();
    private volatile Roster roster = Roster.empty();

    /** Every entry so far, oldest first. */
    public List<Entry> entries() {
        return List.copyOf(entries);
    }

    public Roster roster() {
        return roster;
    }

    /** Called with each new entry, on the thread that fed the model. */
    public void onEntry(Consumer<Entry> observer) {
        entryObservers.add(observer);
    }

    /** Called when the roster changes (recipient picker, security code), on the feeding thread. */
    public void onRoster(Consumer<Roster> observer) {
        rosterObservers.add(observer);
    }

    /** Adds a notice, e.g. recording started, from outside the session's events. */
    public void notice(NoticeKind kind, String participantName) {
        add(new Notice(kind, participantName, Instant.now()));
    }

    @Override
    public void onRosterChanged(Roster now) {
        Roster before = roster;
        roster = now;
        announceRecordingChanges(before, now);
        rosterObservers.forEach(o -> o.accept(now));
    }

    /** Everyone should know when someone starts or stops recording, so it is said in the chat. */
    private void announceRecordingChanges(Roster before, Roster now) {
        for (Attendee p : now.participants()) {
            boolean was = before.find(p.id()).map(Attendee::recording).orElse(false);
            if (p.recording() != was) {
                add(new Notice(p.recording() ? NoticeKind.RECORDING_STARTED : NoticeKind.RECORDING_STOPPED,
                        p.displayName(), Instant.now()));
            }
        }
    }

    @Override
    public void onParticipantJoined(Attendee participant) {
        add(new Notice(NoticeKind.JOINED, participant.displayName(), Instant.now()));
    }

    @Override
    public void onParticipantLeft(Roster.Departed departed) {
        add(new Notice(NoticeKind.LEFT, departed.participant().displayName(), departed.leftAt()));
    }

    @Override
    public void onChat(ChatMessage message) {
        add(new Message(message, false));
    }

    @Override
    public void onChatSent(ChatMessage message) {
        add(new Message(message, true));
    }

    @Override
    public void onChatFailed(ChatFailure failure) {
        add(new Problem(failure, Instant.now()));
    }

    /** Names of {@code ids} as the roster shows them (departed ones included), for "Private to ...". */
    /** The messages so far as plain text ("[10:15] Ada: hello"), in {@code zone}'s time, for saving beside a recording. */
    public String transcript(ZoneId zone) {
        DateTimeFormatter time = DateTimeFormatter.ofPattern("HH:mm").withZone(zone);
        StringBuilder text = new StringBuilder();
        for (Entry entry : entries()) {
            if (entry instanceof Message m) {
                text.append('[').append(time.format(m.at())).append("] ").append(m.message().fromName())
                        .append(m.message().direct() ? " (private)" : "").append(": ")
                        .append(m.message().text()).append(System.lineSeparator());
            }
        }
        return text.toString();
    }

    public List<String> namesOf(List<Integer> ids) {
        Roster r = roster;
        List<String> names = new ArrayList<>();
        for (int id : ids) {
            names.add(r.find(id).map(r::label).orElseGet(() -> r.departed().stream()
                    .map(Roster.Departed::participant).filter(p -> p.id() == id).map(Attendee::displayName)
                    .findFirst().orElse("#" + id)));
        }
        return names;
    }

    private void add(Entry entry) {
        entries.add(entry);
        entryObservers.forEach(o -> o.accept(entry));
    }
}
