package dev.confab.server;

import dev.confab.protocol.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one check for actions the host and co-hosts may take ({@link Member#moderates()}). */
final class Moderators {

    private static final Logger LOG = LoggerFactory.getLogger("confab.server");

    private Moderators() {
    }

    /** The sender if it is in a meeting and moderates it; otherwise null after a NOT_HOST error to the sender. */
    static Member require(ClientConnection connection, String type) {
        Member member = connection.memberOrError(type);
        if (member == null) {
            return null;
        }
        boolean moderates;
        synchronized (member.meeting) {
            moderates = member.moderates();
        }
        if (!moderates) {
            connection.sendError(ErrorCode.NOT_HOST, "Only the host or a co-host can do this", type);
            LOG.info("event=not_moderator meeting={} participant={} type={}", member.meeting.id, member.id, type);
            return null;
        }
        return member;
    }
}
