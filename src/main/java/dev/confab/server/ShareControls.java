package dev.confab.server;

import dev.confab.protocol.Annotation;
import dev.confab.protocol.ClientMessage;
import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.ServerMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Screen sharing: who may share (one sharer at a time unless the host allows several), the host stopping a
 * share, the sharer's annotation setting, and relaying annotations. The server keeps no annotations: it
 * checks and forwards them.
 */
final class ShareControls {

    private static final Logger LOG = LoggerFactory.getLogger("confab.server");
    /** Annotations per second per participant (a finished stroke is one message), with bursts of twice that. */
    static final int ANNOTATIONS_PER_SECOND = 10;

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
            announce(member, null);
        }
        LOG.info("event=share_started meeting={} participant={}", meeting.id, member.id);
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

    void annotate(ClientConnection connection, ClientMessage.Annotate annotate) {
        Member author = connection.memberOrError("annotate");
        if (author == null) {
            return;
        }
        String problem = annotate.annotation().problem();
        if (problem != null) {
            connection.sendError(ErrorCode.INVALID_MESSAGE, problem, "annotate");
            return;
        }
        Member sharer = author.meeting.member(annotate.shareId()).orElse(null);
        if (sharer == null || !sharer.sharing) {
            connection.sendError(ErrorCode.NOT_SHARING, "Participant " + annotate.shareId() + " is not sharing", "annotate");
            return;
        }
        if (sharer != author && !sharer.allowViewerAnnotation) {
            connection.sendError(ErrorCode.ANNOTATION_NOT_ALLOWED, "The sharer does not allow annotation", "annotate");
            return;
        }
        if (!author.annotationRate.tryTake(1)) {
            connection.sendThrottledError(ErrorCode.RATE_LIMITED,
                    "More than " + ANNOTATIONS_PER_SECOND + " annotations per second; annotation dropped", "annotate");
            return;
        }
        author.meeting.broadcast(new ServerMessage.AnnotationMessage(sharer.id, author.id, annotate.annotation()), author);
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
        announce(member, stoppedBy);
    }

    private static void announce(Member member, Integer stoppedBy) {
        member.meeting.broadcast(new ServerMessage.ParticipantUpdated(member.view()), null);
        member.meeting.broadcast(shareUpdate(member, stoppedBy), null);
        SendTargets.update(member.meeting); // a share takes its part of every receiver's video budget
    }

    private static ServerMessage.ShareUpdated shareUpdate(Member member, Integer stoppedBy) {
        return new ServerMessage.ShareUpdated(member.id, member.sharing, member.allowViewerAnnotation, stoppedBy);
    }
}
