package dev.confab.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Turns a live {@link Meeting} into its {@link MeetingSnapshot} and back, and snapshots into JSON for Redis. */
final class MeetingSnapshots {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** A restored meeting and its seats by resume-token digest (each seat got a fresh token of its own). */
    record Restored(Meeting meeting, Map<String, Member> seatsByDigest) {
    }

    private MeetingSnapshots() {
    }

    /** Takes the meeting's lock. */
    static MeetingSnapshot of(Meeting meeting) {
        synchronized (meeting) {
            List<MeetingSnapshot.Seat> seats = meeting.members().stream()
                    .map(m -> new MeetingSnapshot.Seat(m.id, m.displayName, m.role, m.cohostSince, m.chatKey, m.muted,
                            m.cameraOn, ResumeDigest.of(m.resumeToken)))
                    .toList();
            MeetingPolls.Poll current = meeting.polls.current();
            MeetingSnapshot.Poll poll = current == null ? null : new MeetingSnapshot.Poll(current.id, current.question,
                    current.choices, current.multiple, current.launchedBy, current.voters.stream().sorted().toList(),
                    current.open);
            List<MeetingSnapshot.Waiting> waiting = meeting.waitingRoom.everyone().stream()
                    .filter(seat -> seat.tokenDigest() != null)
                    .map(seat -> new MeetingSnapshot.Waiting(seat.id(), seat.displayName(), seat.chatKey(),
                            seat.since().toString(), seat.tokenDigest()))
                    .toList();
            return new MeetingSnapshot(meeting.id, meeting.passcode == null ? null : meeting.passcode.stored(),
                    meeting.topic(), meeting.locked(), meeting.hostId(), meeting.waitingRoom.enabled(),
                    meeting.muteOnEntry(), meeting.recordingPolicy, meeting.allowMultipleSharers,
                    meeting.nextMemberId(), seats, meeting.spotlightId(), List.copyOf(meeting.raisedHands), poll,
                    meeting.polls.nextId(), waiting, meeting.waitingRoom.nextId());
        }
    }

    /**
     * The meeting as it was, every seat not connected and holding a fresh resume token from {@code newToken}: the
     * old token still finds the seat once, through its digest.
     */
    static Restored restore(MeetingSnapshot snapshot, Instant now, Supplier<String> newToken) {
        PasscodeHash passcode = snapshot.passcode() == null ? null : PasscodeHash.restore(snapshot.passcode());
        Meeting meeting = new Meeting(snapshot.id(), passcode, now, "takeover:" + snapshot.id());
        Map<String, Member> seats = new LinkedHashMap<>();
        synchronized (meeting) {
            meeting.topic(snapshot.topic());
            meeting.locked(snapshot.locked());
            meeting.waitingRoom.enabled(snapshot.waitingRoom());
            meeting.muteOnEntry(snapshot.muteOnEntry());
            meeting.recordingPolicy = snapshot.recordingPolicy();
            meeting.allowMultipleSharers = snapshot.allowMultipleSharers();
            for (MeetingSnapshot.Seat seat : snapshot.seats()) {
                Member member = new Member(seat.id(), seat.displayName(), now, newToken.get(), meeting, seat.chatKey());
                member.role = seat.role();
                member.cohostSince = seat.cohostSince();
                member.muted = seat.muted();
                member.cameraOn = seat.cameraOn();
                meeting.restoreSeat(member, snapshot.nextMemberId());
                seats.put(seat.resumeDigest(), member);
            }
            restoreTheRest(snapshot, meeting);
        }
        return new Restored(meeting, seats);
    }

    /** Spotlight, hands, poll and the waiting room's places (awaiting their people). Holds the meeting's lock. */
    private static void restoreTheRest(MeetingSnapshot snapshot, Meeting meeting) {
        if (snapshot.spotlightId() != null && meeting.member(snapshot.spotlightId()).isPresent()) {
            meeting.spotlightId(snapshot.spotlightId());
        }
        snapshot.raisedHands().stream().filter(id -> meeting.member(id).isPresent()).forEach(meeting.raisedHands::add);
        MeetingSnapshot.Poll kept = snapshot.poll();
        MeetingPolls.Poll poll = null;
        if (kept != null) {
            poll = new MeetingPolls.Poll(kept.id(), kept.question(), kept.choices(), kept.multiple(), kept.launchedBy());
            poll.voters.addAll(kept.voters());
            poll.open = kept.open();
        }
        meeting.polls.restore(poll, snapshot.nextPollId());
        for (MeetingSnapshot.Waiting waiting : snapshot.waiting()) {
            meeting.waitingRoom.await(new WaitingRoom.Seat(waiting.id(), waiting.displayName(), waiting.chatKey(), null,
                    meeting, Instant.parse(waiting.since()), waiting.tokenDigest()), snapshot.nextWaitingId());
        }
    }

    static String json(MeetingSnapshot snapshot) {
        try {
            return JSON.writeValueAsString(snapshot);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A snapshot is plain data", e);
        }
    }

    static MeetingSnapshot parse(String json) {
        try {
            return JSON.readValue(json, MeetingSnapshot.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Unreadable meeting snapshot in Redis: " + e.getOriginalMessage(), e);
        }
    }
}
