package dev.confab.server;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A meeting's polls as the server keeps them: the open one, or the last ended one (whose totals a moderator may
 * still share). The server knows who voted, never what: votes are sealed for the moderators. Guarded by the
 * meeting's lock.
 */
final class MeetingPolls {

    /** One poll. {@code voters} are participant ids; mutable, under the meeting's lock. */
    static final class Poll {
        final int id;
        final String question;
        final List<String> choices;
        final boolean multiple;
        final int launchedBy;
        final Set<Integer> voters = new HashSet<>();
        boolean open = true;

        Poll(int id, String question, List<String> choices, boolean multiple, int launchedBy) {
            this.id = id;
            this.question = question;
            this.choices = List.copyOf(choices);
            this.multiple = multiple;
            this.launchedBy = launchedBy;
        }
    }

    private int nextId = 1;
    private Poll current;

    /** The open poll, or null. */
    Poll open() {
        return current != null && current.open ? current : null;
    }

    /** The poll with this id if it is the current one (open or last ended), else null. */
    Poll find(int pollId) {
        return current != null && current.id == pollId ? current : null;
    }

    /** The next poll id (for the cluster's snapshot). */
    int nextId() {
        return nextId;
    }

    /** The current poll (open or last ended), or null (for the cluster's snapshot). */
    Poll current() {
        return current;
    }

    /** Cluster takeover: the polls as the node that died had them. */
    void restore(Poll poll, int nextPollId) {
        current = poll;
        nextId = Math.max(nextPollId, poll == null ? 1 : poll.id + 1);
    }

    Poll launch(String question, List<String> choices, boolean multiple, int launchedBy) {
        current = new Poll(nextId++, question, choices, multiple, launchedBy);
        return current;
    }
}
