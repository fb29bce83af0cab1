package dev.confab.bot;

import dev.confab.meeting.MeetingListener;
import dev.confab.meeting.MeetingSession;
import dev.confab.meeting.poll.Poll;
import dev.confab.meeting.poll.PollDraft;
import dev.confab.meeting.poll.PollResults;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The bot's {@code --raise-hand}, {@code --react}, {@code --poll} and {@code --vote}: acts once it is in the
 * meeting, votes when a poll opens, ends its own poll after {@code --poll-seconds}, and keeps the last poll it saw
 * for the report.
 */
final class BotInteraction implements MeetingListener, AutoCloseable {

    /** A poll as the report shows it; {@code choices} with counts and voter names only when this bot moderates. */
    record PollReport(int id, String question, boolean open, int voters, List<Integer> ownVote,
                      List<PollResults.Choice> choices, List<Integer> sharedTotals) {
    }

    private final boolean raiseHand;
    private final String reaction;
    private final PollDraft pollToLaunch;
    private final Duration pollLength;
    private final Integer vote;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("confab-bot-poll").factory());
    private volatile MeetingSession session;
    private final java.util.function.Consumer<String> errors;
    private volatile boolean launchedOurs;
    private boolean endScheduled; // event thread
    private volatile Poll lastPoll;

    /** @param vote 1-based choice to vote for in every poll that opens, or null */
    BotInteraction(boolean raiseHand, String reaction, PollDraft pollToLaunch, Duration pollLength, Integer vote,
                   java.util.function.Consumer<String> errors) {
        this.errors = errors;
        this.raiseHand = raiseHand;
        this.reaction = reaction;
        this.pollToLaunch = pollToLaunch;
        this.pollLength = pollLength;
        this.vote = vote;
    }

    /** In the meeting now: raise the hand, react, launch the poll. */
    void start(MeetingSession inMeeting) {
        session = inMeeting;
        if (raiseHand) {
            inMeeting.raiseHand(true);
        }
        if (reaction != null) {
            inMeeting.react(reaction);
        }
        if (pollToLaunch != null) {
            launchedOurs = true; // read on the event thread after launchPoll's message is answered
            inMeeting.launchPoll(pollToLaunch);
        }
        Poll seenWhileJoining = lastPoll; // a poll already open arrives with the join, before this point
        if (seenWhileJoining != null) {
            onPollChanged(seenWhileJoining);
        }
    }

    private final java.util.Set<Integer> votedPolls = java.util.concurrent.ConcurrentHashMap.newKeySet();

    @Override
    public void onPollChanged(Poll poll) {
        lastPoll = poll;
        MeetingSession current = session;
        if (current == null || !poll.open()) {
            return;
        }
        if (vote != null && !poll.voted() && votedPolls.add(poll.id())) { // once, from whichever thread sees it first
            if (vote > poll.choices().size()) {
                errors.accept("vote: poll " + poll.id() + " has " + poll.choices().size() + " choices, not " + vote);
            } else {
                current.vote(poll.id(), List.of(vote - 1));
            }
        }
        if (launchedOurs && !endScheduled && pollToLaunch.question().equals(poll.question())) {
            endScheduled = true;
            timer.schedule(() -> current.endPoll(poll.id()), pollLength.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** The last poll this bot saw, or null. */
    PollReport report() {
        Poll poll = lastPoll;
        if (poll == null) {
            return null;
        }
        return new PollReport(poll.id(), poll.question(), poll.open(), poll.voters(), poll.ownVote(),
                poll.results() == null ? null : poll.results().choices(), poll.sharedTotals());
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
