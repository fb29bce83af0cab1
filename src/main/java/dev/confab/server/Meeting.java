package dev.confab.server;

import dev.confab.protocol.Participant;
import dev.confab.protocol.RecordingPolicy;
import dev.confab.protocol.Role;
import dev.confab.protocol.ServerMessage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;

/**
 * One meeting: roster, host, lock. Callers hold the meeting's monitor ({@code synchronized (meeting)}) for any
 * compound change; {@link #members()} is a lock-free snapshot for the media relay.
 */
final class Meeting {

    final String id;
    final PasscodeHash passcode;
    final Instant createdAt;
    /** Where the creating connection came from, for the per-address meeting quota. */
    final String creatorAddress;
    private final Map<Integer, Member> members = new LinkedHashMap<>();
    private volatile List<Member> snapshot = List.of();
    private boolean locked;
    private String topic;
    private int hostId;
    private int nextMemberId = 1;
    private boolean ended;
    /** Removes the meeting when it stays empty, or abandoned by its only member; guarded by this meeting's lock. */
    ScheduledFuture<?> removalTimer;
    /** Guarded by this meeting's lock; false: one sharer at a time. */
    boolean allowMultipleSharers;
    /** Guarded by this meeting's lock. */
    RecordingPolicy recordingPolicy = RecordingPolicy.HOST_ONLY;
    /** Who waits to be let in, and whether joiners wait; guarded by this meeting's lock. */
    final WaitingRoom waitingRoom = new WaitingRoom();
    /** Whether joiners (not the host, not a resume) start muted; guarded by this meeting's lock. */
    private boolean muteOnEntry;
    /** The participant everyone is shown large, or null; guarded by this meeting's lock. */
    private Integer spotlightId;
    /** Counts co-host appointments, so that the earliest-made co-host inherits the host role. */
    private long cohostAppointments;
    /** Raised hands in the order they went up ({@link HandControls}); guarded by this meeting's lock. */
    final java.util.SequencedSet<Integer> raisedHands = new java.util.LinkedHashSet<>();
    /** The open or last ended poll ({@link PollControls}); guarded by this meeting's lock. */
    final MeetingPolls polls = new MeetingPolls();
    /**
     * Told whenever something a cluster keeps of the meeting changes (settings, roles, hands, polls, waiting room),
     * so that its snapshot is published at once rather than at the next heartbeat. Never blocks.
     */
    volatile Runnable onChange = () -> {
    };

    Meeting(String id, PasscodeHash passcode, Instant createdAt, String creatorAddress) {
        this.id = id;
        this.passcode = passcode;
        this.createdAt = createdAt;
        this.creatorAddress = creatorAddress;
    }

    /** Adds a member; the first member of an empty meeting becomes host. */
    synchronized Member add(String displayName, String chatKey, String resumeToken, Instant now) {
        Member member = new Member(nextMemberId++, displayName, now, resumeToken, this, chatKey);
        if (members.isEmpty()) {
            member.role = Role.HOST;
            hostId = member.id;
        } else {
            member.muted = muteOnEntry;
        }
        members.put(member.id, member);
        snapshot = List.copyOf(members.values());
        return member;
    }

    /**
     * Cluster takeover: puts a seat back as the node that died had it (same ID, role, name), not connected.
     * {@code nextId} keeps participant IDs from being reused after the takeover.
     */
    synchronized void restoreSeat(Member member, int nextId) {
        members.put(member.id, member);
        if (member.role == Role.HOST) {
            hostId = member.id;
        }
        cohostAppointments = Math.max(cohostAppointments, member.cohostSince);
        nextMemberId = Math.max(nextMemberId, Math.max(nextId, member.id + 1));
        snapshot = List.copyOf(members.values());
    }

    /** Something the cluster's snapshot holds changed ({@link #onChange}). */
    void changed() {
        onChange.run();
    }

    /** The next participant ID to be given (for the cluster's snapshot). */
    synchronized int nextMemberId() {
        return nextMemberId;
    }

    synchronized void remove(Member member) {
        members.remove(member.id);
        snapshot = List.copyOf(members.values());
    }

    /** Lock-free view of the current members, in join order. */
    List<Member> members() {
        return snapshot;
    }

    synchronized Optional<Member> member(int id) {
        return Optional.ofNullable(members.get(id));
    }

    /** True when no further participant ID fits the 16-bit sender field of media frames. */
    synchronized boolean idsExhausted() {
        return nextMemberId > 0xFFFF;
    }

    /** True once anyone besides the creator has been admitted (participant IDs are never reused). */
    synchronized boolean joinedByOthers() {
        return nextMemberId > 2;
    }

    /** True when no member has a live connection (all left, or all waiting to resume). */
    boolean nobodyConnected() {
        return snapshot.stream().allMatch(m -> m.connection() == null);
    }

    synchronized int size() {
        return members.size();
    }

    synchronized boolean isEmpty() {
        return members.isEmpty();
    }

    synchronized List<Participant> roster() {
        return members.values().stream().map(Member::view).toList();
    }

    /** What the meeting is about, set by the host; null when it has none. */
    synchronized String topic() {
        return topic;
    }

    synchronized void topic(String value) {
        topic = value;
        changed();
    }

    /** What {@code meeting_updated} says now: lock, host, topic, waiting room, mute on entry, spotlight. */
    synchronized ServerMessage.MeetingUpdated state() {
        return new ServerMessage.MeetingUpdated(locked, hostId(), topic, waitingRoom.enabled(), muteOnEntry,
                spotlightId);
    }

    synchronized boolean muteOnEntry() {
        return muteOnEntry;
    }

    synchronized void muteOnEntry(boolean value) {
        muteOnEntry = value;
        changed();
    }

    synchronized Integer spotlightId() {
        return spotlightId;
    }

    synchronized void spotlightId(Integer value) {
        spotlightId = value;
        changed();
    }

    /** Makes {@code member} a co-host (remembering when, for succession) or a participant again. */
    synchronized void setCohost(Member member, boolean cohost) {
        member.role = cohost ? Role.COHOST : Role.PARTICIPANT;
        member.cohostSince = cohost ? ++cohostAppointments : 0;
        changed();
    }

    synchronized boolean locked() {
        return locked;
    }

    synchronized void locked(boolean value) {
        locked = value;
        changed();
    }

    synchronized int hostId() {
        return hostId;
    }

    synchronized boolean ended() {
        return ended;
    }

    synchronized void markEnded() {
        ended = true;
    }

    /** Makes {@code next} host and the previous host a participant; returns both changed members. */
    synchronized List<Member> transferHost(Member next) {
        List<Member> changed = new ArrayList<>(2);
        Member previous = members.get(hostId);
        if (previous != null && previous != next) {
            previous.role = Role.PARTICIPANT;
            changed.add(previous);
        }
        next.role = Role.HOST;
        hostId = next.id;
        changed.add(next);
        onChange.run();
        return changed;
    }

    /**
     * Who should inherit the host role when the host is gone: connected members first; among them the earliest-made
     * co-host, else the longest present.
     */
    synchronized Optional<Member> successor() {
        return members.values().stream()
                .min(Comparator.comparing((Member m) -> m.connection() == null)
                        .thenComparing(m -> m.role != Role.COHOST)
                        .thenComparingLong(m -> m.cohostSince)
                        .thenComparing(m -> m.joinedAt)
                        .thenComparingInt(m -> m.id));
    }

    /** Sends to every connected host and co-host. */
    void broadcastToModerators(ServerMessage message) {
        for (Member member : snapshot) {
            ClientConnection connection = member.connection();
            if (connection != null && member.moderates()) {
                connection.send(message);
            }
        }
    }

    /** Sends to every connected member except {@code except} (may be null). */
    void broadcast(ServerMessage message, Member except) {
        for (Member member : snapshot) {
            ClientConnection connection = member.connection();
            if (member != except && connection != null) {
                connection.send(message);
            }
        }
    }
}
