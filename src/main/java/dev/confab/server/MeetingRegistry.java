package dev.confab.server;

import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.LeaveReason;
import dev.confab.protocol.ServerMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The server's meetings and who is in them: creating meetings, admitting, resuming and removing members,
 * passing the host role on, and dropping meetings that stay empty. Each change to a meeting happens under
 * that meeting's lock and is announced to its members.
 */
final class MeetingRegistry {

    static final int CLOSE_REPLACED = 4003;
    /** WebSocket "service restart": the client resumes, here or where a redirect sends it. */
    static final int CLOSE_MOVED = 1012;
    private static final Logger LOG = LoggerFactory.getLogger("confab.server");
    /**
     * Wrong passcodes for one meeting from all addresses together (many addresses guessing one meeting): 20
     * free, then at most one try every 10 s. Short enough that others still get in (docs/security.md).
     */
    static final GuessBackoff MEETING_WIDE_GUESSES = new GuessBackoff(20, Duration.ofSeconds(1), Duration.ofSeconds(10));

    private final ServerConfig config;
    private final Clock clock;
    private final ScheduledExecutorService timers;
    private final ConcurrentMap<String, Meeting> meetings = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Member> membersByResumeToken = new ConcurrentHashMap<>();
    private final PasscodeThrottle passcodeThrottle;
    private final CreatorQuota creatorQuota;
    private final SecureRandom random = new SecureRandom();
    private final Object creationLock = new Object();
    /** Lets someone in when the last member left while people wait ({@link WaitingRoomControls#meetingEmptied}). */
    private volatile java.util.function.Consumer<Meeting> emptiedWhileWaiting = meeting -> {
    };
    /** Cluster takeover: seats restored from a snapshot, by the digest of the resume token they had before. */
    private final ConcurrentMap<String, Member> restoredSeats = new ConcurrentHashMap<>();
    /**
     * Told when someone takes or leaves a seat, or anything else a cluster keeps of a meeting changes
     * ({@link Meeting#onChange}): the cluster publishes the meeting at once.
     */
    private volatile Runnable meetingChanged = () -> {
    };
    /** Told the ID of each meeting that ends here (the cluster forgets it). */
    private volatile java.util.function.Consumer<String> meetingRemoved = id -> {
    };
    /** IDs held by scheduled meetings: never given to a new ad-hoc meeting. */
    private volatile java.util.function.Predicate<String> reservedIds = id -> false;

    MeetingRegistry(ServerConfig config, Clock clock, ScheduledExecutorService timers) {
        this.config = config;
        this.clock = clock;
        this.timers = timers;
        this.passcodeThrottle = new PasscodeThrottle(
                new GuessBackoff(config.passcodeFreeAttempts(), Duration.ofSeconds(1), config.passcodeMaxDelay()),
                MEETING_WIDE_GUESSES, clock);
        this.creatorQuota = new CreatorQuota(config.maxMeetingsPerAddress(), config.meetingCreationsPerHour(), clock);
    }

    void onEmptiedWhileWaiting(java.util.function.Consumer<Meeting> action) {
        emptiedWhileWaiting = action;
    }

    int meetingCount() {
        return meetings.size();
    }

    /** The meetings running here now (ended ones may still show for a moment). */
    java.util.Collection<Meeting> liveMeetings() {
        return List.copyOf(meetings.values());
    }

    void onMeetingChanged(Runnable action) {
        meetingChanged = action;
    }

    /** Puts a new, restored or opened meeting in the map, telling the cluster of its changes. */
    private void track(Meeting meeting) {
        meeting.onChange = () -> meetingChanged.run();
        meetings.put(meeting.id, meeting);
    }

    void onMeetingRemoved(java.util.function.Consumer<String> action) {
        meetingRemoved = action;
    }

    /**
     * Cluster takeover: runs a meeting restored from its snapshot here. Its seats wait for their people to resume
     * (each for the resume grace period, as after a lost connection). Returns the meeting already running here
     * when another resume restored it first.
     */
    Meeting adopt(MeetingSnapshots.Restored restored) {
        synchronized (creationLock) {
            Meeting running = find(restored.meeting().id);
            if (running != null) {
                return running;
            }
            Meeting meeting = restored.meeting();
            synchronized (meeting) {
                track(meeting);
                for (Member member : meeting.members()) {
                    membersByResumeToken.put(member.resumeToken, member);
                    member.resumeExpiry = timers.schedule(() -> expireIfStillAway(member),
                            config.resumeGrace().toMillis(), TimeUnit.MILLISECONDS);
                }
                restoredSeats.putAll(restored.seatsByDigest());
                // Waiting places kept for their people's join with the wait token, as long as a seat waits.
                timers.schedule(() -> {
                    synchronized (meeting) {
                        meeting.waitingRoom.forgetAwaited();
                    }
                }, config.resumeGrace().toMillis(), TimeUnit.MILLISECONDS);
            }
            LOG.info("event=meeting_taken_over meeting={} seats={}", meeting.id, meeting.size());
            return meeting;
        }
    }

    /**
     * Another node of the cluster owns this meeting now (it took it over while this node was taken for dead): the
     * meeting goes from here without ending, and its people (waiting ones too) are disconnected with 1012 so that they
     * resume (or take their waiting places back) there.
     */
    void release(String meetingId) {
        Meeting meeting = meetings.get(meetingId);
        if (meeting == null) {
            return;
        }
        synchronized (meeting) {
            for (Member member : meeting.members()) {
                ClientConnection connection = member.connection();
                forget(member);
                if (connection != null) {
                    connection.close(CLOSE_MOVED, "The meeting moved to another server");
                }
            }
            for (WaitingRoom.Seat seat : meeting.waitingRoom.takeAll()) {
                // No meeting_left: with its wait token the person takes its place back at the new owner.
                seat.connection().waitingSeat(null);
                seat.connection().close(CLOSE_MOVED, "The meeting moved to another server");
            }
            meeting.markEnded();
            meetings.remove(meeting.id, meeting);
            passcodeThrottle.forgetMeeting(meeting.id);
            creatorQuota.meetingRemoved(meeting.creatorAddress);
        }
        LOG.info("event=meeting_released meeting={}", meetingId);
    }

    PasscodeThrottle passcodeThrottle() {
        return passcodeThrottle;
    }

    /** The live meeting with this ID, or null. */
    Meeting find(String meetingId) {
        Meeting meeting = meetings.get(meetingId);
        return meeting == null || meeting.ended() ? null : meeting;
    }

    /** A new meeting, or why {@code create_meeting} from {@code creatorAddress} is refused. */
    record Creation(Meeting meeting, ServerMessage.ErrorMessage refusal) {
    }

    /**
     * A new meeting with a fresh 10-digit ID, unless the server holds its maximum of meetings or the creator's
     * address has used up its quota (checked in that order, so a full server says SERVER_FULL to everyone).
     */
    Creation create(PasscodeHash passcode, String creatorAddress) {
        synchronized (creationLock) {
            if (meetings.size() >= config.maxMeetings()) {
                return refused(ErrorCode.SERVER_FULL, "This server already hosts its maximum of "
                        + config.maxMeetings() + " meetings", null);
            }
            CreatorQuota.Refusal overQuota = creatorQuota.tryCreate(creatorAddress);
            if (overQuota != null) {
                return refused(ErrorCode.TOO_MANY_MEETINGS, overQuota.message(), overQuota.retryAfterSeconds());
            }
            String id;
            do {
                id = Long.toString(1_000_000_000L + random.nextLong(9_000_000_000L));
            } while (meetings.containsKey(id) || reservedIds.test(id));
            Meeting meeting = new Meeting(id, passcode, clock.instant(), creatorAddress);
            track(meeting);
            return new Creation(meeting, null);
        }
    }

    void reserveIds(java.util.function.Predicate<String> reserved) {
        reservedIds = reserved;
    }

    /** Also keeps new meetings off the IDs {@code more} calls taken (the cluster's, checked last). */
    void alsoReserveIds(java.util.function.Predicate<String> more) {
        reservedIds = reservedIds.or(more);
    }

    /**
     * The live meeting of a scheduled one, opened now (with its passcode, title as topic and recording default)
     * unless it is already running. It does not count against the opener's ad-hoc meeting quota: scheduled
     * meetings have their own limit.
     */
    Creation openScheduled(ScheduledMeeting scheduled) {
        synchronized (creationLock) {
            Meeting running = find(scheduled.id());
            if (running != null) {
                return new Creation(running, null);
            }
            if (meetings.size() >= config.maxMeetings()) {
                return new Creation(null, new ServerMessage.ErrorMessage(ErrorCode.SERVER_FULL,
                        "This server already hosts its maximum of " + config.maxMeetings() + " meetings",
                        "start_scheduled", null, null));
            }
            PasscodeHash passcode = scheduled.passcode() == null ? null : PasscodeHash.restore(scheduled.passcode());
            Meeting meeting = new Meeting(scheduled.id(), passcode, clock.instant(), "scheduled:" + scheduled.id());
            meeting.topic(scheduled.title());
            meeting.recordingPolicy = scheduled.recordingPolicy();
            meeting.waitingRoom.enabled(scheduled.waitingRoom());
            track(meeting);
            LOG.info("event=scheduled_meeting_opened meeting={}", meeting.id);
            return new Creation(meeting, null);
        }
    }

    private static Creation refused(ErrorCode code, String message, Integer retryAfterSeconds) {
        return new Creation(null, new ServerMessage.ErrorMessage(code, message, "create_meeting", null,
                retryAfterSeconds));
    }

    /** Adds the connection to the meeting as a new participant. Caller holds the meeting's lock. */
    Member admit(ClientConnection connection, Meeting meeting, String displayName, String chatKey) {
        cancelRemoval(meeting);
        Member member = meeting.add(displayName, chatKey, newResumeToken(), clock.instant());
        member.connection(connection);
        connection.member(member);
        membersByResumeToken.put(member.resumeToken, member);
        connection.send(joinedMessage(meeting, member, false));
        meeting.broadcast(new ServerMessage.ParticipantJoined(member.view()), member);
        WaitingRoomControls.greet(member); // the first one in, when people waited in an emptied meeting
        SendTargets.update(meeting); // from three on, a sender's target is no longer its one receiver's
        LOG.info("event=participant_joined meeting={} participant={} role={} conn={}", meeting.id, member.id,
                member.role, connection);
        meetingChanged.run();
        return member;
    }

    /** Re-attaches a new connection to the member holding this token; false when the token is unknown or expired. */
    boolean resume(ClientConnection connection, String resumeToken) {
        Member member = membersByResumeToken.get(resumeToken);
        if (member == null) {
            member = restoredSeats.remove(ResumeDigest.of(resumeToken)); // its token from before a takeover
        }
        if (member == null) {
            return false;
        }
        Meeting meeting = member.meeting;
        synchronized (meeting) {
            if (meeting.ended() || meeting.member(member.id).isEmpty()) {
                return false;
            }
            if (member.resumeExpiry != null) {
                member.resumeExpiry.cancel(false);
                member.resumeExpiry = null;
            }
            cancelRemoval(meeting);
            ClientConnection previous = member.connection();
            member.connection(connection);
            connection.member(member);
            if (previous != null && previous != connection) {
                previous.member(null);
                previous.close(CLOSE_REPLACED, "Replaced by a resumed connection");
            }
            connection.send(joinedMessage(meeting, member, true));
            meeting.broadcast(new ServerMessage.ParticipantUpdated(member.view()), member);
            WaitingRoomControls.greet(member);
        }
        LOG.info("event=participant_resumed meeting={} participant={} conn={}", meeting.id, member.id, connection);
        return true;
    }

    private ServerMessage.Joined joinedMessage(Meeting meeting, Member member, boolean resumed) {
        return new ServerMessage.Joined(meeting.id, member.id, member.resumeToken, resumed, meeting.locked(),
                meeting.passcode != null, meeting.hostId(), meeting.roster(), meeting.topic(),
                meeting.waitingRoom.enabled(), meeting.muteOnEntry(), meeting.spotlightId());
    }

    /** The member's connection dropped: keep it (shown as not connected) until the resume grace period ends. */
    void connectionLost(Member member, ClientConnection connection) {
        Meeting meeting = member.meeting;
        synchronized (meeting) {
            if (member.connection() != connection || meeting.member(member.id).isEmpty()) {
                return;
            }
            member.connection(null);
            meeting.broadcast(new ServerMessage.ParticipantUpdated(member.view()), member);
            member.resumeExpiry = timers.schedule(() -> expireIfStillAway(member),
                    config.resumeGrace().toMillis(), TimeUnit.MILLISECONDS);
            if (!meeting.joinedByOthers() && unjoinedGrace().compareTo(config.resumeGrace()) < 0) {
                // The creator alone dropped off: unless it resumes soon, this was an abandoned (or squatted) meeting.
                scheduleRemoval(meeting, unjoinedGrace(), () -> {
                    if (meeting.nobodyConnected()) {
                        end(meeting, LeaveReason.DISCONNECTED);
                    }
                });
            }
        }
        LOG.info("event=participant_disconnected meeting={} participant={}", meeting.id, member.id);
    }

    private void expireIfStillAway(Member member) {
        synchronized (member.meeting) {
            if (member.connection() == null) {
                depart(member, LeaveReason.DISCONNECTED);
            }
        }
    }

    /** Takes a member out of its meeting and tells the others; hands the host role on if needed. */
    void depart(Member member, LeaveReason reason) {
        Meeting meeting = member.meeting;
        synchronized (meeting) {
            if (meeting.member(member.id).isEmpty()) {
                return;
            }
            meeting.remove(member);
            forget(member);
            meeting.broadcast(new ServerMessage.ParticipantLeft(member.id, reason, clock.instant()), null);
            HandControls.departed(member);
            SendTargets.update(meeting); // the leaver's estimate no longer limits anyone
            LOG.info("event=participant_left meeting={} participant={} reason={}", meeting.id, member.id, reason);
            meetingChanged.run();
            ModerationControls.memberLeft(meeting, member);
            if (meeting.isEmpty() && !meeting.waitingRoom.isEmpty()) {
                emptiedWhileWaiting.accept(meeting);
            } else if (meeting.isEmpty()) {
                scheduleRemovalIfEmpty(meeting);
            } else if (meeting.hostId() == member.id) {
                meeting.successor().ifPresent(next -> announceHostChange(meeting, meeting.transferHost(next)));
            }
        }
    }

    /** Ends the meeting for everyone: each member is told {@code reason} and disconnected. */
    void end(Meeting meeting, LeaveReason reason) {
        synchronized (meeting) {
            var ended = new ServerMessage.MeetingLeft(reason);
            for (Member member : meeting.members()) {
                ClientConnection connection = member.connection();
                forget(member);
                meeting.remove(member);
                if (connection != null) {
                    connection.send(ended);
                    connection.close(1000, "Meeting ended by the host");
                }
            }
            WaitingRoomControls.dismissAll(meeting, reason);
            removeMeeting(meeting, reason.name());
        }
    }

    /** Tells both changed members' new roles and the new host to everyone. Caller holds the meeting's lock. */
    void announceHostChange(Meeting meeting, List<Member> changed) {
        for (Member member : changed) {
            meeting.broadcast(new ServerMessage.ParticipantUpdated(member.view()), null);
            WaitingRoomControls.greet(member); // a new host learns who waits
        }
        meeting.broadcast(meeting.state(), null);
        RecordingControls.enforce(meeting); // under HOST_ONLY the former host may no longer record
    }

    /** Tells every connected client the server is going away and closes its connection. */
    void shutdown(String reason) {
        var goodbye = new ServerMessage.ServerShutdown(reason);
        for (Meeting meeting : meetings.values()) {
            // Under the meeting's lock, as every other change to its members: a join being admitted on a
            // worker thread must not see its connection emptied half-way.
            synchronized (meeting) {
                for (Member member : meeting.members()) {
                    ClientConnection connection = member.connection();
                    if (connection != null) {
                        connection.member(null);
                        connection.send(goodbye);
                        connection.close(1001, "Server shutting down");
                    }
                }
                for (WaitingRoom.Seat seat : meeting.waitingRoom.takeAll()) {
                    seat.connection().waitingSeat(null);
                    seat.connection().send(goodbye);
                    seat.connection().close(1001, "Server shutting down");
                }
            }
        }
        meetings.clear();
        membersByResumeToken.clear();
    }

    private void forget(Member member) {
        membersByResumeToken.remove(member.resumeToken);
        restoredSeats.values().remove(member);
        if (member.resumeExpiry != null) {
            member.resumeExpiry.cancel(false);
        }
        ClientConnection connection = member.connection();
        if (connection != null) {
            connection.member(null);
        }
    }

    /** Meetings only their creator was ever in go sooner: an abandoned meeting should not hold its slot. */
    private void scheduleRemovalIfEmpty(Meeting meeting) {
        var grace = meeting.joinedByOthers() ? config.emptyMeetingGrace() : unjoinedGrace();
        scheduleRemoval(meeting, grace, () -> {
            if (meeting.isEmpty()) {
                removeMeeting(meeting, "empty");
            }
        });
    }

    /** Never longer than for a meeting others had joined, whatever the two options say. */
    private Duration unjoinedGrace() {
        Duration unjoined = config.unjoinedMeetingGrace();
        return unjoined.compareTo(config.emptyMeetingGrace()) < 0 ? unjoined : config.emptyMeetingGrace();
    }

    /** Runs {@code removal} under the meeting's lock after {@code delay}, unless someone comes back first. */
    private void scheduleRemoval(Meeting meeting, Duration delay, Runnable removal) {
        cancelRemoval(meeting);
        try {
            meeting.removalTimer = timers.schedule(() -> {
                synchronized (meeting) {
                    if (!meeting.ended()) {
                        removal.run();
                    }
                }
            }, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            // The server is stopping (its timers are gone): every meeting goes with it, nothing to schedule.
            meeting.removalTimer = null;
        }
    }

    /** Caller holds the meeting's lock. */
    private static void cancelRemoval(Meeting meeting) {
        if (meeting.removalTimer != null) {
            meeting.removalTimer.cancel(false);
            meeting.removalTimer = null;
        }
    }

    private void removeMeeting(Meeting meeting, String why) {
        if (meeting.ended()) {
            return; // already removed; the creator's quota must not be released twice
        }
        meeting.markEnded();
        meetings.remove(meeting.id, meeting);
        passcodeThrottle.forgetMeeting(meeting.id);
        creatorQuota.meetingRemoved(meeting.creatorAddress);
        meetingRemoved.accept(meeting.id);
        LOG.info("event=meeting_removed meeting={} reason={}", meeting.id, why);
    }

    String newResumeToken() {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
