package dev.confab.meeting;

import dev.confab.protocol.Annotation;
import dev.confab.protocol.ClientMessage;
import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.LeaveReason;
import dev.confab.protocol.Participant;
import dev.confab.protocol.RecordingPolicy;
import dev.confab.protocol.Role;
import dev.confab.protocol.ServerMessage;

import java.util.List;

/**
 * The one place where the server's wire types become the meeting-level types that {@link MeetingListener},
 * {@link Roster} and {@link MeetingSession} show to the layers above, and back for requests. The switches are
 * exhaustive, so a constant added to the protocol fails to compile here instead of reaching the UI unmapped.
 */
public final class ProtocolMapping {

    private ProtocolMapping() {
    }

    static Attendee attendee(Participant p) {
        return new Attendee(p.id(), p.displayName(), p.isHost(), p.muted(), p.cameraOn(), p.sharing(),
                p.recording(), p.connected(), p.joinedAt(), p.role() == Role.COHOST);
    }

    /** The roster the server sent on joining; a resumed session keeps its history of departures. */
    static Roster roster(ServerMessage.Joined joined, Roster previous) {
        return new Roster(joined.meetingId(), joined.selfId(), joined.hostId(), joined.locked(),
                joined.passcodeProtected(), joined.roster().stream().map(ProtocolMapping::attendee).toList(),
                joined.resumed() ? previous.departed() : List.of());
    }

    /** The cameras shown as a {@code view}: sizes beyond the protocol's bounds clamped, impossible ids left out. */
    static ClientMessage.View toWire(List<ShownCamera> shown) {
        return new ClientMessage.View(shown.stream()
                .filter(c -> c.participantId() >= 1 && c.participantId() <= ClientMessage.View.MAX_PARTICIPANT_ID)
                .map(c -> new ClientMessage.View.Shown(c.participantId(),
                        Math.clamp(c.width(), 1, ClientMessage.View.MAX_WIDTH),
                        Math.clamp(c.height(), 1, ClientMessage.View.MAX_HEIGHT)))
                .toList());
    }

    static Role roleOf(Attendee attendee) {
        if (attendee.host()) {
            return Role.HOST;
        }
        return attendee.cohost() ? Role.COHOST : Role.PARTICIPANT;
    }

    static Refusal refusal(ErrorCode code) {
        return switch (code) {
            case UNSUPPORTED_VERSION -> Refusal.UNSUPPORTED_VERSION;
            case HELLO_REQUIRED -> Refusal.HELLO_REQUIRED;
            case MALFORMED_MESSAGE -> Refusal.MALFORMED_MESSAGE;
            case UNKNOWN_TYPE -> Refusal.UNKNOWN_TYPE;
            case INVALID_MESSAGE -> Refusal.INVALID_MESSAGE;
            case FRAME_TOO_LARGE -> Refusal.FRAME_TOO_LARGE;
            case RATE_LIMITED -> Refusal.RATE_LIMITED;
            case NOT_IN_MEETING -> Refusal.NOT_IN_MEETING;
            case ALREADY_IN_MEETING -> Refusal.ALREADY_IN_MEETING;
            case MEETING_NOT_FOUND -> Refusal.MEETING_NOT_FOUND;
            case MEETING_LOCKED -> Refusal.MEETING_LOCKED;
            case MEETING_FULL -> Refusal.MEETING_FULL;
            case SERVER_FULL -> Refusal.SERVER_FULL;
            case TOO_MANY_MEETINGS -> Refusal.TOO_MANY_MEETINGS;
            case PASSCODE_REQUIRED -> Refusal.PASSCODE_REQUIRED;
            case WRONG_PASSCODE -> Refusal.WRONG_PASSCODE;
            case TOO_MANY_ATTEMPTS -> Refusal.TOO_MANY_ATTEMPTS;
            case NOT_HOST -> Refusal.NOT_HOST;
            case UNKNOWN_PARTICIPANT -> Refusal.UNKNOWN_PARTICIPANT;
            case RESUME_REJECTED -> Refusal.RESUME_REJECTED;
            case INTERNAL_ERROR -> Refusal.INTERNAL_ERROR;
            case SHARE_IN_PROGRESS -> Refusal.SHARE_IN_PROGRESS;
            case NOT_SHARING -> Refusal.NOT_SHARING;
            case ANNOTATION_NOT_ALLOWED -> Refusal.ANNOTATION_NOT_ALLOWED;
            case RECORDING_NOT_ALLOWED -> Refusal.RECORDING_NOT_ALLOWED;
            case NOT_MODERATOR -> Refusal.NOT_MODERATOR;
            case NOT_WAITING -> Refusal.NOT_WAITING;
            case FILES_DISABLED -> Refusal.FILES_DISABLED;
            case FILE_TOO_LARGE -> Refusal.FILE_TOO_LARGE;
            case FILE_TRANSFER_REFUSED -> Refusal.FILE_TRANSFER_REFUSED;
            case POLL_IN_PROGRESS -> Refusal.POLL_IN_PROGRESS;
            case POLL_CLOSED -> Refusal.POLL_CLOSED;
            case ALREADY_VOTED -> Refusal.ALREADY_VOTED;
            case MEETING_NOT_STARTED -> Refusal.MEETING_NOT_STARTED;
            case MEETING_CANCELLED -> Refusal.MEETING_CANCELLED;
            case MEETING_EXPIRED -> Refusal.MEETING_EXPIRED;
            case INVALID_SCHEDULE -> Refusal.INVALID_SCHEDULE;
            case TOO_MANY_SCHEDULED -> Refusal.TOO_MANY_SCHEDULED;
            case WRONG_HOST_KEY -> Refusal.WRONG_HOST_KEY;
            case UNKNOWN -> Refusal.UNKNOWN;
        };
    }

    public static RecordingRule recordingRule(RecordingPolicy policy) {
        return switch (policy) {
            case HOST_ONLY -> RecordingRule.HOST_ONLY;
            case EVERYONE -> RecordingRule.EVERYONE;
            case NOBODY -> RecordingRule.NOBODY;
            case UNKNOWN -> RecordingRule.UNKNOWN;
        };
    }

    public static RecordingPolicy toWire(RecordingRule rule) {
        return switch (rule) {
            case HOST_ONLY -> RecordingPolicy.HOST_ONLY;
            case EVERYONE -> RecordingPolicy.EVERYONE;
            case NOBODY -> RecordingPolicy.NOBODY;
            case UNKNOWN -> RecordingPolicy.UNKNOWN;
        };
    }

    static DepartureReason departureReason(LeaveReason reason) {
        return switch (reason) {
            case LEFT -> DepartureReason.LEFT;
            case REMOVED -> DepartureReason.REMOVED;
            case ENDED_BY_HOST -> DepartureReason.ENDED_BY_HOST;
            case DISCONNECTED -> DepartureReason.DISCONNECTED;
            case SERVER_SHUTDOWN -> DepartureReason.SERVER_SHUTDOWN;
            case DENIED -> DepartureReason.DENIED;
            case UNKNOWN -> DepartureReason.UNKNOWN;
        };
    }

    static MeetingSettings settings(boolean waitingRoom, boolean muteOnEntry, Integer spotlightId) {
        return new MeetingSettings(waitingRoom, muteOnEntry, spotlightId == null ? 0 : spotlightId);
    }

    static List<WaitingPerson> waiting(ServerMessage.WaitingRoom room) {
        return room.waiting().stream().map(w -> new WaitingPerson(w.waitingId(), w.displayName(), w.since())).toList();
    }

    static ShareUpdate shareUpdate(ServerMessage.ShareUpdated update) {
        return new ShareUpdate(update.participantId(), update.sharing(), update.allowViewerAnnotation(),
                update.stoppedBy(), Boolean.TRUE.equals(update.whiteboard()));
    }

    static RecordingChange recordingChange(ServerMessage.RecordingChanged change) {
        return new RecordingChange(change.participantId(), change.recording(), change.stoppedByPolicy());
    }

    static AnnotationReceived annotationReceived(ServerMessage.AnnotationMessage message) {
        return new AnnotationReceived(message.shareId(), message.from(), annotation(message.annotation()));
    }

    static ShareAnnotation annotation(Annotation wire) {
        ShareAnnotation.Op op = switch (wire.op()) {
            case STROKE -> ShareAnnotation.Op.STROKE;
            case TEXT -> ShareAnnotation.Op.TEXT;
            case UNDO -> ShareAnnotation.Op.UNDO;
            case CLEAR -> ShareAnnotation.Op.CLEAR;
            case PAGE -> ShareAnnotation.Op.PAGE;
        };
        ShareAnnotation.Tool tool = switch (wire.tool()) {
            case PEN -> ShareAnnotation.Tool.PEN;
            case HIGHLIGHTER -> ShareAnnotation.Tool.HIGHLIGHTER;
            case ARROW -> ShareAnnotation.Tool.ARROW;
            case TEXT -> ShareAnnotation.Tool.TEXT;
            case null -> null;
        };
        return new ShareAnnotation(op, wire.id(), tool, wire.color(), wire.width(), wire.points(), wire.text(),
                wire.page());
    }

    static Annotation toWire(ShareAnnotation annotation) {
        Annotation.Op op = switch (annotation.op()) {
            case STROKE -> Annotation.Op.STROKE;
            case TEXT -> Annotation.Op.TEXT;
            case UNDO -> Annotation.Op.UNDO;
            case CLEAR -> Annotation.Op.CLEAR;
            case PAGE -> Annotation.Op.PAGE;
        };
        Annotation.Tool tool = switch (annotation.tool()) {
            case PEN -> Annotation.Tool.PEN;
            case HIGHLIGHTER -> Annotation.Tool.HIGHLIGHTER;
            case ARROW -> Annotation.Tool.ARROW;
            case TEXT -> Annotation.Tool.TEXT;
            case null -> null;
        };
        return new Annotation(op, annotation.id(), tool, annotation.color(), annotation.width(), annotation.points(),
                annotation.text(), annotation.page());
    }
}
