package dev.confab.server;

import dev.confab.protocol.Annotation;
import dev.confab.protocol.ClientMessage;
import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.ServerMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Screen sharing and whiteboards: who may share (one sharer at a time unless the host allows several), the host
 * stopping a share, the sharer's annotation setting, and relaying annotations. The server keeps no annotations: it
 * checks who may draw and how much, and forwards them (sealed ones unread).
 */
final class ShareControls {

    private static final Logger LOG = LoggerFactory.getLogger("confab.server");
    /** Annotations per second per participant (a finished stroke is one message), with bursts of twice that. */
    static final int ANNOTATIONS_PER_SECOND = 10;
    /** Longest sealed annotation or annotation state, like a chat payload (docs/protocol.md section 6.5). */
    static final int MAX_SEALED_PAYLOAD_CHARS = MeetingService.MAX_CHAT_PAYLOAD_CHARS;
    private static final int MAX_ENC_LENGTH = 32;

    void start(ClientConnection connection, ClientMessage.ShareStart start) {
        Member member = connection.memberOrError("share_start");
        if (member == null) {
            return;
        }
        Meeting meeting = member.meeting;
        synchronized (meeting) {
            if (!meeting.allowMultipleSharers) {
                Member other = meeting.members().stream().filter(m -> m != member && m.sharing).findFirst().orElse(null);
                if (other != null) {
                    connection.sendError(ErrorCode.SHARE_IN_PROGRESS,
                            "Participant " + other.id + " is already sharing", "share_start");
                    return;
                }
            }
            member.sharing = true;
            member.allowViewerAnnotation = start.allowViewerAnnotation();
            member.sharingWhiteboard = start.whiteboard();
            announce(member, null);
        }
        LOG.info("event=share_started meeting={} participant={} whiteboard={}", meeting.id, member.id, start.whiteboard());
    }

    void stop(ClientConnection connection) {
        Member member = connection.memberOrError("share_stop");
        if (member == null) {
            return;
        }
        synchronized (member.meeting) {
            if (!member.sharing) {
                connection.sendError(ErrorCode.NOT_SHARING, "You are not sharing", "share_stop");
                return;
            }
            end(member, null);
        }
    }

    void options(ClientConnection connection, ClientMessage.ShareOptions options) {
        Member member = connection.memberOrError("share_options");
        if (member == null) {
            return;
        }
        synchronized (member.meeting) {
            if (!member.sharing) {
                connection.sendError(ErrorCode.NOT_SHARING, "You are not sharing", "share_options");
                return;
            }
            member.allowViewerAnnotation = options.allowViewerAnnotation();
            member.meeting.broadcast(shareUpdate(member, null), null);
        }
    }

    /** Host action: ends someone's share. The sharer learns it from {@code share_updated.stoppedBy}. */
    void stopOther(ClientConnection connection, ClientMessage.StopShare stop) {
        Member host = HostControls.requireHost(connection, "stop_share");
        Member target = host == null ? null : HostControls.requireOther(connection, host, stop.participantId(), "stop_share");
        if (target == null) {
            return;
        }
        synchronized (host.meeting) {
            if (!target.sharing) {
                connection.sendError(ErrorCode.NOT_SHARING, "Participant " + target.id + " is not sharing", "stop_share");
                return;
            }
            end(target, host.id);
        }
        LOG.info("event=share_stopped_by_host meeting={} participant={}", host.meeting.id, target.id);
    }

    void allowMultiple(ClientConnection connection, ClientMessage.AllowMultipleSharers allow) {
        Member host = HostControls.requireHost(connection, "allow_multiple_sharers");
        if (host == null) {
            return;
        }
        synchronized (host.meeting) {
            host.meeting.allowMultipleSharers = allow.allowed();
            host.meeting.broadcast(new ServerMessage.SharePolicy(allow.allowed()), null);
        }
    }

    /** A clear annotation, as older clients send it (Confab clients seal theirs: {@link #annotateSealed}). */
    void annotate(ClientConnection connection, ClientMessage.Annotate annotate) {
        Member author = connection.memberOrError("annotate");
        if (author == null) {
            return;
        }
        String problem = annotate.annotation().problem();
        if (problem == null && annotate.annotation().op() == Annotation.Op.PAGE) {
            problem = "'op' PAGE is for sealed annotations only";
        }
        if (problem != null) {
            connection.sendError(ErrorCode.INVALID_MESSAGE, problem, "annotate");
            return;
        }
        Member sharer = mayDraw(connection, author, annotate.shareId(), "annotate");
        if (sharer != null && withinRate(connection, author, "annotate")) {
            author.meeting.broadcast(new ServerMessage.AnnotationMessage(sharer.id, author.id, annotate.annotation()), author);
        }
    }

    /**
     * A sealed annotation for everyone else, or (with {@code to}) the sharer's annotation state for one newcomer.
     * The server checks who may draw, the size and the addressee, and relays the payload unread; a state goes to
     * its addressee only and does not count against the drawing rate (one per newcomer, bounded by the size).
     */
    void annotateSealed(ClientConnection connection, ClientMessage.AnnotateSealed sealed) {
        Member author = connection.memberOrError("annotate_sealed");
        if (author == null) {
            return;
        }
        if (sealed.enc().isEmpty() || sealed.enc().length() > MAX_ENC_LENGTH || sealed.payload().isEmpty()
                || sealed.payload().length() > MAX_SEALED_PAYLOAD_CHARS) {
            connection.sendError(ErrorCode.INVALID_MESSAGE, "'enc' must be 1 to " + MAX_ENC_LENGTH
                    + " and 'payload' 1 to " + MAX_SEALED_PAYLOAD_CHARS + " characters", "annotate_sealed");
            return;
        }
        Member sharer = mayDraw(connection, author, sealed.shareId(), "annotate_sealed");
        if (sharer == null) {
            return;
        }
        var relayed = new ServerMessage.SealedAnnotation(sharer.id, author.id, sealed.enc(), sealed.payload());
        if (sealed.to() == null) {
            if (withinRate(connection, author, "annotate_sealed")) {
                author.meeting.broadcast(relayed, author);
            }
            return;
        }
        if (author != sharer) {
            connection.sendError(ErrorCode.INVALID_MESSAGE, "Only the sharer sends its annotation state ('to')",
                    "annotate_sealed");
            return;
        }
        Member newcomer = author.meeting.member(sealed.to()).orElse(null);
        ClientConnection to = newcomer == null || newcomer == author ? null : newcomer.connection();
        if (to == null) {
            connection.sendError(ErrorCode.UNKNOWN_PARTICIPANT, "Participant " + sealed.to() + " is not in the meeting",
                    "annotate_sealed");
            return;
        }
        to.send(relayed);
    }

    /** The sharer of {@code shareId} when {@code author} may draw on that share; else an error went out and null. */
    private static Member mayDraw(ClientConnection connection, Member author, int shareId, String requestType) {
        Member sharer = author.meeting.member(shareId).orElse(null);
        if (sharer == null || !sharer.sharing) {
            connection.sendError(ErrorCode.NOT_SHARING, "Participant " + shareId + " is not sharing", requestType);
            return null;
        }
        if (sharer != author && !sharer.allowViewerAnnotation) {
            connection.sendError(ErrorCode.ANNOTATION_NOT_ALLOWED, "The sharer does not allow annotation", requestType);
            return null;
        }
        return sharer;
    }

    private static boolean withinRate(ClientConnection connection, Member author, String requestType) {
        if (author.annotationRate.tryTake(1)) {
            return true;
        }
        connection.sendThrottledError(ErrorCode.RATE_LIMITED,
                "More than " + ANNOTATIONS_PER_SECOND + " annotations per second; annotation dropped", requestType);
        return false;
    }

    /** Tells a connection that just joined or resumed about the shares in progress and a non-default policy. */
    void greet(ClientConnection connection) {
        Member member = connection.member();
        if (member == null) {
            return;
        }
        synchronized (member.meeting) {
            if (member.meeting.allowMultipleSharers) {
                connection.send(new ServerMessage.SharePolicy(true));
            }
            for (Member sharer : member.meeting.members()) {
                if (sharer.sharing) {
                    connection.send(shareUpdate(sharer, null));
                }
            }
        }
    }

    private static void end(Member member, Integer stoppedBy) {
        member.sharing = false;
        member.allowViewerAnnotation = false;
        member.sharingWhiteboard = false;
        announce(member, stoppedBy);
    }

    private static void announce(Member member, Integer stoppedBy) {
        member.meeting.broadcast(new ServerMessage.ParticipantUpdated(member.view()), null);
        member.meeting.broadcast(shareUpdate(member, stoppedBy), null);
        SendTargets.update(member.meeting); // a share takes its part of every receiver's video budget
    }

    private static ServerMessage.ShareUpdated shareUpdate(Member member, Integer stoppedBy) {
        return new ServerMessage.ShareUpdated(member.id, member.sharing, member.allowViewerAnnotation, stoppedBy,
                member.sharingWhiteboard);
    }
}
