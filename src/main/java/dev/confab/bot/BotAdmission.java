package dev.confab.bot;

import dev.confab.meeting.MeetingListener;
import dev.confab.meeting.MeetingSession;
import dev.confab.meeting.SessionState;
import dev.confab.meeting.WaitingPerson;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The bot and the waiting room: whether it sat in one ({@code waited}) and was let in ({@code admitted}), and, with
 * {@code --admit all|NAME} as host or co-host, letting in whoever waits (everyone, or those with that display name)
 * as soon as they arrive; {@code admittedNames} lists them. Session events arrive on the session's thread.
 */
final class BotAdmission implements MeetingListener {

    /** The stats JSON's part: see the README's bot section. */
    record Report(boolean waited, boolean admitted, List<String> admittedNames) {
    }

    static final String EVERYONE = "all";

    private final String admit;
    private volatile MeetingSession session;
    private final Set<Integer> asked = new HashSet<>();
    private final List<String> admittedNames = new ArrayList<>();
    private boolean waited;
    private boolean admitted;

    /** @param admit {@link #EVERYONE}, a display name, or null to admit nobody */
    BotAdmission(String admit) {
        this.admit = admit;
    }

    void attach(MeetingSession value) {
        session = value;
    }

    @Override
    public synchronized void onStateChanged(SessionState now) {
        if (now instanceof SessionState.Waiting) {
            waited = true;
        } else if (now instanceof SessionState.InMeeting && waited) {
            admitted = true;
        }
    }

    @Override
    public synchronized void onWaitingRoomChanged(List<WaitingPerson> waiting) {
        MeetingSession current = session;
        if (admit == null || current == null) {
            return;
        }
        for (WaitingPerson person : waiting) {
            boolean wanted = EVERYONE.equals(admit) || admit.equals(person.displayName());
            if (wanted && asked.add(person.waitingId())) {
                current.admit(person.waitingId());
                admittedNames.add(person.displayName());
            }
        }
    }

    synchronized Report report() {
        return new Report(waited, admitted, List.copyOf(admittedNames));
    }
}
