package dev.confab.meeting;

import dev.confab.meeting.files.FileFailure;
import dev.confab.meeting.files.FileSendStatus;
import dev.confab.meeting.files.ReceivedFile;
import dev.confab.protocol.MediaFrame;
import dev.confab.protocol.ServerMessage;
import dev.confab.protocol.StreamKind;

/**
 * Events of a {@link MeetingSession}. Every method except {@link #onMedia} is called on the session's own
 * event thread ("confab-meeting"), one at a time and in order — never on the JavaFX thread, so a UI must
 * marshal (Platform.runLater). Do not block in these methods. All methods have empty defaults.
 *
 * <p>Events carry meeting-level types ({@link Attendee}, {@link Refusal}, {@link ShareUpdate}, ...), so the UI
 * never depends on the wire protocol. Only the media callbacks ({@link #onMedia}, {@link #onKeyframeRequested},
 * {@link #onRateHint}) pass protocol types: they are for the meeting engine ({@code meeting.call}), the bot and
 * the load test, never for the UI.
 */
public interface MeetingListener {

    /** The session moved to {@code now}; see {@link SessionState} for the state machine. */
    default void onStateChanged(SessionState now) {
    }

    /** Anything in the roster changed (joins, leaves, mute/camera flags, host, lock). */
    default void onRosterChanged(Roster roster) {
    }

    /** Someone joined (not called for the participants already present when this client joined). */
    default void onParticipantJoined(Attendee participant) {
    }

    /** Someone resumed after a lost connection: what was sent to them meanwhile never reached them. */
    default void onParticipantReconnected(Attendee participant) {
    }

    default void onParticipantLeft(Roster.Departed departed) {
    }

    /**
     * The host asks this participant to mute its microphone; the UI should mute, say so, and publish the
     * new state with {@link MeetingSession#updateOwnState}. {@code host} is null if not in the roster.
     */
    default void onMuteRequested(Attendee host) {
    }

    /** A chat message from another participant, decrypted and authenticated. */
    default void onChat(ChatMessage message) {
    }

    /** This client's own chat message was encrypted and handed to the server (echo for the chat panel). */
    default void onChatSent(ChatMessage message) {
    }

    /** A chat message could not be sent, or a received one could not be decrypted; nothing else is affected. */
    default void onChatFailed(ChatFailure failure) {
    }

    /**
     * A request was refused while in the meeting (e.g. NOT_HOST, UNKNOWN_PARTICIPANT, RATE_LIMITED).
     * Failures that end the session arrive as {@link SessionState.Ended} instead.
     */
    default void onRequestFailed(Refusal refusal, String detail, String requestType) {
    }

    /** Someone (0 = the server) wants a keyframe of this client's {@code stream}. */
    default void onKeyframeRequested(StreamKind stream, int requestedBy) {
    }

    /** Receivers are dropping this client's frames on {@code hint.stream()}: lower the bitrate. */
    default void onRateHint(ServerMessage.RateHint hint) {
    }

    /** What the receivers can take of this client's {@code target.stream()} (null {@code maxKbps}: no limit). */
    default void onSendTarget(ServerMessage.SendTarget target) {
    }

    /**
     * The cameras (participant ids) this client shows that the server stopped sending because this client's downlink
     * cannot carry them now; the whole current set, empty when all come again (docs/protocol.md section 9.1).
     */
    default void onCamerasPaused(java.util.Set<Integer> participantIds) {
    }

    /**
     * A media frame from another participant. Called on the network reader thread, not the event thread:
     * copy or decode the payload before returning, and return quickly.
     */
    default void onMedia(MediaFrame frame) {
    }

    /** A screen share started, changed whether viewers may annotate, or stopped (see {@code stoppedBy}). */
    default void onShareUpdated(ShareUpdate update) {
    }

    /** The host changed whether several participants may share at once. */
    default void onSharePolicy(boolean allowMultipleSharers) {
    }

    /** Someone else drew on, undid or cleared annotations of a share. */
    default void onAnnotation(AnnotationReceived annotation) {
    }

    /** The sharer handed this newcomer everything drawn on its share so far (replaces what is shown). */
    default void onAnnotationState(AnnotationSnapshot snapshot) {
    }

    /**
     * Someone started or stopped recording (the roster's {@code recording} flag changes too). When
     * {@code change.stoppedByPolicy()} names this participant, its own recording must stop.
     */
    default void onRecordingChanged(RecordingChange change) {
    }

    /** The meeting's recording policy, on joining and whenever the host changes it. */
    default void onRecordingPolicy(RecordingRule policy) {
    }

    /** What the meeting is about (null: no topic), on joining and whenever the host changes it. */
    default void onTopicChanged(String topic) {
    }

    /** Waiting room, mute on entry or spotlight: on joining and whenever a host or co-host changes one. */
    default void onSettingsChanged(MeetingSettings settings) {
    }

    /**
     * For hosts and co-hosts: everyone in the waiting room now, oldest first (empty when nobody waits). A person
     * absent before is someone who just started waiting.
     */
    default void onWaitingRoomChanged(java.util.List<WaitingPerson> waiting) {
    }

    /**
     * A host or co-host asks this participant to unmute: ask the user (never unmute by itself). {@code by} is null
     * if not in the roster.
     */
    default void onUnmuteRequested(Attendee by) {
    }

    /** A file arrived whole and verified; it is in memory only until saved (docs/security.md section 10). */
    default void onFileReceived(ReceivedFile file) {
    }

    /** A file this participant sends has moved on, or was delivered (state SENT). */
    default void onFileSendProgress(FileSendStatus status) {
    }

    /** A file could not be sent or received; nothing of a failed received file is kept. */
    default void onFileFailed(FileFailure failure) {
    }

    /**
     * The raised hands, as participant ids in the order they went up (first raised first); empty when none is up.
     * Called on every change, and on joining or resuming.
     */
    default void onHandsChanged(java.util.List<Integer> raised) {
    }

    /** Someone (this client too, as the server echoes it) reacted with one of {@code Reactions.ALLOWED}. */
    default void onReaction(int participantId, String emoji) {
    }

    /**
     * The meeting's poll changed: launched, someone voted (a count; for the host and co-hosts also who chose what),
     * ended, or its totals were shared.
     */
    default void onPollChanged(dev.confab.meeting.poll.Poll poll) {
    }
}
