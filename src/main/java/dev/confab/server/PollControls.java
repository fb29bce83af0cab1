package dev.confab.server;

import dev.confab.protocol.ClientMessage;
import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.PollRules;
import dev.confab.protocol.ServerMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Polls: moderators launch, end and share; everyone votes once. A vote is sealed end to end for the moderators
 * present (docs/security.md section 11): the server relays it to them unread and keeps only who voted, so that
 * nobody votes twice. Questions and choices are not logged.
 */
final class PollControls {

    private static final Logger LOG = LoggerFactory.getLogger("confab.server");
    private static final int MAX_ENC_LENGTH = 32;

    void launch(ClientConnection connection, ClientMessage.PollLaunch launch) {
        Member moderator = HostControls.requireModerator(connection, "poll_launch");
        if (moderator == null) {
            return;
        }
        String problem = PollRules.problem(launch.question(), launch.choices());
        if (problem != null) {
            connection.sendError(ErrorCode.INVALID_MESSAGE, problem, "poll_launch");
            return;
        }
        Meeting meeting = moderator.meeting;
        synchronized (meeting) {
            MeetingPolls.Poll open = meeting.polls.open();
            if (open != null) {
                connection.sendError(ErrorCode.POLL_IN_PROGRESS, "Poll " + open.id + " is still open", "poll_launch");
                return;
            }
            MeetingPolls.Poll poll = meeting.polls.launch(launch.question().strip(),
                    launch.choices().stream().map(String::strip).toList(), launch.multiple(), moderator.id);
            meeting.broadcast(launched(poll), null);
            meeting.changed();
            LOG.info("event=poll_launched meeting={} poll={} by={} choices={}", meeting.id, poll.id, moderator.id,
                    poll.choices.size());
        }
    }

    void vote(ClientConnection connection, ClientMessage.PollVote vote) {
        Member voter = connection.memberOrError("poll_vote");
        if (voter == null) {
            return;
        }
        if (vote.enc().isEmpty() || vote.enc().length() > MAX_ENC_LENGTH || vote.payload().isEmpty()
                || vote.payload().length() > PollRules.MAX_VOTE_PAYLOAD_CHARS) {
            connection.sendError(ErrorCode.INVALID_MESSAGE, "'enc' must be 1 to " + MAX_ENC_LENGTH + " and 'payload' 1 to "
                    + PollRules.MAX_VOTE_PAYLOAD_CHARS + " characters", "poll_vote");
            return;
        }
        Meeting meeting = voter.meeting;
        synchronized (meeting) {
            MeetingPolls.Poll poll = openPoll(connection, meeting, vote.pollId(), "poll_vote");
            if (poll == null) {
                return;
            }
            if (!poll.voters.add(voter.id)) {
                connection.sendError(ErrorCode.ALREADY_VOTED, "You have voted in poll " + poll.id, "poll_vote");
                return;
            }
            var ballot = new ServerMessage.PollBallot(poll.id, voter.id, vote.enc(), vote.payload());
            for (Member member : meeting.members()) {
                ClientConnection to = member.connection();
                if (member != voter && member.moderates() && to != null) {
                    to.send(ballot);
                }
            }
            meeting.broadcast(new ServerMessage.PollProgress(poll.id, poll.voters.size()), null);
            meeting.changed(); // who voted moves with the meeting: nobody votes twice after a failover
        }
    }

    void end(ClientConnection connection, ClientMessage.PollEnd end) {
        Member moderator = HostControls.requireModerator(connection, "poll_end");
        if (moderator == null) {
            return;
        }
        Meeting meeting = moderator.meeting;
        synchronized (meeting) {
            MeetingPolls.Poll poll = openPoll(connection, meeting, end.pollId(), "poll_end");
            if (poll == null) {
                return;
            }
            poll.open = false;
            meeting.changed();
            meeting.broadcast(new ServerMessage.PollEnded(poll.id, moderator.id, poll.voters.size()), null);
            LOG.info("event=poll_ended meeting={} poll={} by={} voters={}", meeting.id, poll.id, moderator.id,
                    poll.voters.size());
        }
    }

    /**
     * The server cannot check the totals (it never sees a vote), only that they fit the poll: one per choice, none
     * above the number of voters, and no more in all than the voters could have cast.
     */
    void share(ClientConnection connection, ClientMessage.PollShare share) {
        Member moderator = HostControls.requireModerator(connection, "poll_share");
        if (moderator == null) {
            return;
        }
        Meeting meeting = moderator.meeting;
        synchronized (meeting) {
            MeetingPolls.Poll poll = meeting.polls.find(share.pollId());
            if (poll == null || poll.open) {
                connection.sendError(ErrorCode.POLL_CLOSED, "Poll " + share.pollId() + " is not an ended poll",
                        "poll_share");
                return;
            }
            String problem = totalsProblem(poll, share.totals());
            if (problem != null) {
                connection.sendError(ErrorCode.INVALID_MESSAGE, problem, "poll_share");
                return;
            }
            meeting.broadcast(new ServerMessage.PollResults(poll.id, share.totals(), moderator.id), null);
        }
    }

    /** Tells a connection that just joined or resumed about the open poll and its progress. */
    void greet(ClientConnection connection) {
        Member member = connection.member();
        if (member == null) {
            return;
        }
        synchronized (member.meeting) {
            MeetingPolls.Poll poll = member.meeting.polls.open();
            if (poll != null) {
                connection.send(launched(poll));
                connection.send(new ServerMessage.PollProgress(poll.id, poll.voters.size()));
            }
        }
    }

    private static MeetingPolls.Poll openPoll(ClientConnection connection, Meeting meeting, int pollId, String type) {
        MeetingPolls.Poll poll = meeting.polls.open();
        if (poll == null || poll.id != pollId) {
            connection.sendError(ErrorCode.POLL_CLOSED, "Poll " + pollId + " is not open", type);
            return null;
        }
        return poll;
    }

    private static String totalsProblem(MeetingPolls.Poll poll, List<Integer> totals) {
        if (totals.size() != poll.choices.size()) {
            return "field \"totals\" must have one number per choice (" + poll.choices.size() + ")";
        }
        int voters = poll.voters.size();
        long sum = 0;
        for (Integer total : totals) {
            if (total == null || total < 0 || total > voters) {
                return "field \"totals\" must hold numbers from 0 to the " + voters + " voters";
            }
            sum += total;
        }
        if (!poll.multiple && sum > voters) {
            return "field \"totals\" adds up to more than the " + voters + " voters of a single-choice poll";
        }
        return null;
    }

    private static ServerMessage.PollLaunched launched(MeetingPolls.Poll poll) {
        return new ServerMessage.PollLaunched(poll.id, poll.question, poll.choices, poll.multiple, poll.launchedBy);
    }
}
