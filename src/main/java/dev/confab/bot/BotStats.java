package dev.confab.bot;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.confab.meeting.e2ee.MediaEncryption;
import dev.confab.meeting.Attendee;
import dev.confab.meeting.ChatFailure;
import dev.confab.meeting.ChatMessage;
import dev.confab.meeting.MeetingListener;
import dev.confab.meeting.Refusal;
import dev.confab.meeting.Roster;
import dev.confab.meeting.SessionState;
import dev.confab.meeting.call.CallListener;
import dev.confab.protocol.StreamKind;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * What the bot saw during its visit; written as JSON on exit. Listens to the session (state, roster, chat,
 * errors) and to its {@code MeetingCall} (keyframe requests); routes no media, the engine does.
 */
final class BotStats implements MeetingListener, CallListener {

    record SeenParticipant(int id, String displayName) {
    }

    /** A decrypted chat message; {@code private} true when it was sent privately (to this bot and maybe others). */
    record ReceivedChat(int fromId, String fromName, String text, @JsonProperty("private") boolean direct) {
    }

    /**
     * The JSON document written to --stats-json. {@code e2ee} is always true: media is end-to-end encrypted (there is
     * no other mode); {@code framesDecrypted}, {@code decryptFailures} (frames that did not authenticate: changed on
     * the way) and {@code framesWithoutKey} (frames whose sender's key never reached the bot, such as those sent
     * before it joined) count what arrived.
     */
    record Report(String meetingId, Integer selfId, boolean joined, String endReason, String failureKind,
                  String failureCode, List<SeenParticipant> rosterSeen, int maxParticipantsAtOnce,
                  Map<String, Integer> eventsReceived, List<ReceivedChat> messagesReceived, int chatSent,
                  List<String> errors, long durationMillis, boolean e2ee, long framesDecrypted, long decryptFailures,
                  long framesWithoutKey, BotVideo.Report video,
                  BotShare.Report share, BotAudio.Report audio, List<BotTimeline.Second> timeline,
                  boolean waited, boolean admitted, List<String> admittedNames,
                  List<BotFiles.Received> filesReceived, List<BotFiles.Sent> filesSent,
                  List<String> handsSeen, List<SeenReaction> reactionsSeen, BotInteraction.PollReport pollResults) {
    }

    /** A reaction the bot saw (its own too, as the server echoes it). */
    record SeenReaction(int fromId, String fromName, String emoji) {
    }

    private final Map<Integer, SeenParticipant> seen = new LinkedHashMap<>();
    private final Map<String, Integer> events = new TreeMap<>();
    private final List<ReceivedChat> chats = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();
    private final java.util.LinkedHashSet<String> handsSeen = new java.util.LinkedHashSet<>();
    private final List<SeenReaction> reactions = new ArrayList<>();
    private Roster lastRoster;
    private String meetingId;
    private Integer selfId;
    private boolean joined;
    private int maxAtOnce;
    private int chatSent;
    private SessionState lastState;
    private final CountDownLatch joinedOrEnded = new CountDownLatch(1);
    /** The server answered the join: in the meeting, in its waiting room, or refused. */
    private final CountDownLatch answered = new CountDownLatch(1);
    /** The waiting room: whether the bot waited and was let in, and whom it let in (--admit). */
    final BotAdmission admission;

    BotStats(BotAdmission admission, BotFiles files) {
        this.admission = admission;
        this.files = files;
    }
    private final CountDownLatch ended = new CountDownLatch(1);
    private volatile BotAudio audio;
    private BotAudio.Report audioReport;

    /** The bot's audio from now on: the host's mute request reaches it, and its figures the report. */
    void attachAudio(BotAudio value) {
        audio = value;
    }

    /** Keeps the audio's final figures for the report, before the audio stops. */
    synchronized void detachAudio() {
        if (audio != null) {
            audioReport = audio.report();
            audio = null;
        }
    }

    final BotShare share = new BotShare();
    final BotFiles files;

    @Override
    public void onFileReceived(dev.confab.meeting.files.ReceivedFile file) {
        String problem = files.received(file);
        synchronized (this) {
            count("fileReceived");
            if (problem != null) {
                errors.add(problem);
            }
        }
    }

    @Override
    public void onFileSendProgress(dev.confab.meeting.files.FileSendStatus status) {
        files.progress(status);
    }

    @Override
    public void onFileFailed(dev.confab.meeting.files.FileFailure failure) {
        String problem = files.failed(failure);
        synchronized (this) {
            count("fileFailed");
            errors.add(problem);
        }
    }

    /** The engine passed a keyframe request on to the bot's video or share. */
    @Override
    public synchronized void keyframeRequested(StreamKind stream, int requestedBy) {
        count("keyframeRequested");
    }

    @Override
    public synchronized void onStateChanged(SessionState now) {
        lastState = now;
        count("state:" + now.getClass().getSimpleName());
        admission.onStateChanged(now);
        if (!(now instanceof SessionState.Connecting) && !(now instanceof SessionState.Idle)) {
            answered.countDown();
        }
        if (now instanceof SessionState.InMeeting inMeeting) {
            joined = true;
            meetingId = inMeeting.meetingId();
            joinedOrEnded.countDown();
        }
        if (now instanceof SessionState.Ended) {
            joinedOrEnded.countDown();
            ended.countDown();
        }
        if (now instanceof SessionState.Ended ended && ended.failure() != null) {
            errors.add(ended.reason() + ": " + ended.failure().kind()
                    + (ended.failure().refusal() != null ? " " + ended.failure().refusal() : "")
                    + " - " + ended.failure().detail());
        }
    }

    @Override
    public synchronized void onRosterChanged(Roster roster) {
        count("roster");
        lastRoster = roster;
        selfId = roster.selfId();
        maxAtOnce = Math.max(maxAtOnce, roster.participants().size());
        for (Attendee p : roster.participants()) {
            seen.putIfAbsent(p.id(), new SeenParticipant(p.id(), p.displayName()));
        }
    }

    @Override
    public synchronized void onParticipantJoined(Attendee participant) {
        count("participantJoined");
    }

    @Override
    public synchronized void onParticipantLeft(Roster.Departed departed) {
        count("participantLeft");
    }

    @Override
    public synchronized void onMuteRequested(Attendee host) {
        count("muteRequested");
        if (audio != null) {
            audio.muteRequested();
        }
    }

    @Override
    public synchronized void onChat(ChatMessage message) {
        count("chat");
        chats.add(new ReceivedChat(message.fromId(), message.fromName(), message.text(), message.direct()));
    }

    @Override
    public synchronized void onChatSent(ChatMessage message) {
        chatSent++;
    }

    @Override
    public synchronized void onChatFailed(ChatFailure failure) {
        count("chatFailed");
        errors.add("chat " + failure.kind() + (failure.participantName() != null ? " (" + failure.participantName() + ")" : "")
                + ": " + failure.detail());
    }

    @Override
    public synchronized void onRequestFailed(Refusal refusal, String detail, String requestType) {
        count("error");
        errors.add(refusal + (requestType != null ? " (" + requestType + ")" : "") + ": " + detail);
    }

    @Override
    public void onWaitingRoomChanged(List<dev.confab.meeting.WaitingPerson> waiting) {
        admission.onWaitingRoomChanged(waiting);
    }

    /** Waits (outside the monitor) until the server answered the join (joined, waiting, refused) or the timeout. */
    void awaitAnswer(Duration timeout) throws InterruptedException {
        answered.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Everyone whose hand the bot saw raised, by name, in the order the hands first went up. */
    @Override
    public synchronized void onHandsChanged(List<Integer> raised) {
        count("hands");
        raised.forEach(id -> handsSeen.add(nameOf(id)));
    }

    @Override
    public synchronized void onReaction(int participantId, String emoji) {
        count("reaction");
        reactions.add(new SeenReaction(participantId, nameOf(participantId), emoji));
    }

    private String nameOf(int participantId) {
        return lastRoster == null ? "#" + participantId
                : lastRoster.find(participantId).map(lastRoster::label).orElse("#" + participantId);
    }

    /** Waits (outside the monitor) until the session is in the meeting or has ended, or the timeout passes. */
    void awaitJoinedOrEnded(Duration timeout) throws InterruptedException {
        joinedOrEnded.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Waits until the session ends, the timeout passes or {@code leaveNow} is counted down. */
    void awaitEnded(Duration timeout, CountDownLatch leaveNow) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long left;
        while ((left = deadline - System.nanoTime()) > 0 && ended.getCount() > 0 && leaveNow.getCount() > 0) {
            ended.await(Math.min(left, TimeUnit.MILLISECONDS.toNanos(20)), TimeUnit.NANOSECONDS);
        }
    }

    /** A problem the bot found itself (e.g. --chat-to names nobody), reported like the others. */
    synchronized void error(String message) {
        errors.add(message);
    }

    synchronized SessionState lastState() {
        return lastState;
    }

    synchronized Report report(long durationMillis, MediaEncryption.Figures e2ee, BotVideo.Report videoReport,
                               List<BotTimeline.Second> timeline, BotInteraction.PollReport poll) {
        String endReason = null;
        String failureKind = null;
        String failureCode = null;
        if (lastState instanceof SessionState.Ended ended) {
            endReason = ended.reason().name();
            if (ended.failure() != null) {
                failureKind = ended.failure().kind().name();
                failureCode = ended.failure().refusal() != null ? ended.failure().refusal().name() : null;
            }
        }
        return new Report(meetingId, selfId, joined, endReason, failureKind, failureCode, List.copyOf(seen.values()),
                maxAtOnce, new TreeMap<>(events), List.copyOf(chats), chatSent, List.copyOf(errors), durationMillis,
                true, e2ee.decrypted(), e2ee.failed(), e2ee.withoutKey(), videoReport, share.report(),
                audio != null ? audio.report() : audioReport, timeline, admission.report().waited(),
                admission.report().admitted(), admission.report().admittedNames(), files.receivedFiles(), files.sentFiles(),
                List.copyOf(handsSeen), List.copyOf(reactions), poll);
    }

    private void count(String event) {
        events.merge(event, 1, Integer::sum);
    }
}
