package dev.confab.bot;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.confab.meeting.ChatFailure;
import dev.confab.meeting.ChatMessage;
import dev.confab.meeting.MeetingListener;
import dev.confab.meeting.Roster;
import dev.confab.meeting.SessionState;
import dev.confab.meeting.video.MeetingVideo;
import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.MediaFrame;
import dev.confab.protocol.ServerMessage;
import dev.confab.protocol.StreamKind;
import dev.confab.protocol.Participant;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** What the bot saw during its visit; written as JSON on exit. Fed by the session's listener. */
final class BotStats implements MeetingListener {

    record SeenParticipant(int id, String displayName) {
    }

    /** A decrypted chat message; {@code private} true when it was sent privately (to this bot and maybe others). */
    record ReceivedChat(int fromId, String fromName, String text, @JsonProperty("private") boolean direct) {
    }

    /** The JSON document written to --stats-json. */
    record Report(String meetingId, Integer selfId, boolean joined, String endReason, String failureKind,
                  String failureCode, List<SeenParticipant> rosterSeen, int maxParticipantsAtOnce,
                  Map<String, Integer> eventsReceived, List<ReceivedChat> messagesReceived, int chatSent,
                  List<String> errors, long durationMillis, BotVideo.Report video,
                  BotShare.Report share, BotAudio.Report audio) {
    }

    private final Map<Integer, SeenParticipant> seen = new LinkedHashMap<>();
    private final Map<String, Integer> events = new TreeMap<>();
    private final List<ReceivedChat> chats = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();
    private String meetingId;
    private Integer selfId;
    private boolean joined;
    private int maxAtOnce;
    private int chatSent;
    private SessionState lastState;
    private final CountDownLatch joinedOrEnded = new CountDownLatch(1);
    private final CountDownLatch ended = new CountDownLatch(1);
    private volatile BotAudio audio;
    private BotAudio.Report audioReport;

    /** Routes received audio to {@code value} from now on (the network thread reads it). */
    void attachAudio(BotAudio value) {
        audio = value;
    }

    /** Keeps the audio's final figures for the report and stops routing audio to it. */
    synchronized void detachAudio() {
        if (audio != null) {
            audioReport = audio.report();
            audio = null;
        }
    }

    private volatile MeetingVideo video;
    final BotShare share = new BotShare();

    /** Routes media, keyframe requests, rate hints and roster changes to the bot's video. */
    void video(MeetingVideo value) {
        video = value;
    }

    @Override
    public void onMedia(MediaFrame frame) {
        MeetingVideo target = video;
        if (target != null) {
            target.onMedia(frame);
        }
        share.onMedia(frame);
        BotAudio currentAudio = audio;
        if (currentAudio != null) {
            currentAudio.onMedia(frame);
        }
    }

    @Override
    public void onKeyframeRequested(StreamKind stream, int requestedBy) {
        synchronized (this) {
            count("keyframeRequested");
        }
        MeetingVideo target = video;
        if (target != null) {
            target.onKeyframeRequested(stream);
        }
        share.onKeyframeRequested(stream);
    }

    @Override
    public void onRateHint(ServerMessage.RateHint hint) {
        MeetingVideo target = video;
        if (target != null) {
            target.onRateHint(hint);
        }
    }

    @Override
    public synchronized void onStateChanged(SessionState now) {
        lastState = now;
        count("state:" + now.getClass().getSimpleName());
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
                    + (ended.failure().serverCode() != null ? " " + ended.failure().serverCode() : "")
                    + " - " + ended.failure().detail());
        }
    }

    @Override
    public synchronized void onRosterChanged(Roster roster) {
        count("roster");
        selfId = roster.selfId();
        maxAtOnce = Math.max(maxAtOnce, roster.participants().size());
        MeetingVideo target = video;
        if (target != null) {
            target.onRosterChanged(roster);
        }
        for (Participant p : roster.participants()) {
            seen.putIfAbsent(p.id(), new SeenParticipant(p.id(), p.displayName()));
        }
    }

    @Override
    public synchronized void onParticipantJoined(Participant participant) {
        count("participantJoined");
    }

    @Override
    public synchronized void onParticipantLeft(Roster.Departed departed) {
        count("participantLeft");
        MeetingVideo target = video;
        if (target != null) {
            target.onParticipantLeft(departed.participant().id());
        }
        BotAudio currentAudio = audio;
        if (currentAudio != null) {
            currentAudio.participantLeft(departed.participant().id());
        }
    }

    @Override
    public synchronized void onMuteRequested(Participant host) {
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
    public synchronized void onRequestFailed(ErrorCode code, String detail, String requestType) {
        count("error");
        errors.add(code + (requestType != null ? " (" + requestType + ")" : "") + ": " + detail);
    }

    /** Waits (outside the monitor) until the session is in the meeting or has ended, or the timeout passes. */
    void awaitJoinedOrEnded(Duration timeout) throws InterruptedException {
        joinedOrEnded.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Waits until the session ends or the timeout passes. */
    void awaitEnded(Duration timeout) throws InterruptedException {
        ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A problem the bot found itself (e.g. --chat-to names nobody), reported like the others. */
    synchronized void error(String message) {
        errors.add(message);
    }

    synchronized SessionState lastState() {
        return lastState;
    }

    synchronized Report report(long durationMillis, BotVideo.Report videoReport) {
        String endReason = null;
        String failureKind = null;
        String failureCode = null;
        if (lastState instanceof SessionState.Ended ended) {
            endReason = ended.reason().name();
            if (ended.failure() != null) {
                failureKind = ended.failure().kind().name();
                failureCode = ended.failure().serverCode() != null ? ended.failure().serverCode().name() : null;
            }
        }
        return new Report(meetingId, selfId, joined, endReason, failureKind, failureCode, List.copyOf(seen.values()),
                maxAtOnce, new TreeMap<>(events), List.copyOf(chats), chatSent, List.copyOf(errors), durationMillis,
                videoReport, share.report(),
                audio != null ? audio.report() : audioReport);
    }

    private void count(String event) {
        events.merge(event, 1, Integer::sum);
    }
}
