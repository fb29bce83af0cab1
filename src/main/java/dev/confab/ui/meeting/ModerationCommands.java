package dev.confab.ui.meeting;

import dev.confab.meeting.MeetingSession;

/**
 * What hosts and co-hosts ask of the meeting beyond {@link MeetingCommands}: the waiting room, co-hosts, mute on
 * entry, asking to unmute, the spotlight. Every call returns at once; the server decides and refuses with a reason.
 */
public interface ModerationCommands {
    void admit(int waitingId);

    void admitAll();

    void deny(int waitingId);

    void setWaitingRoom(boolean enabled);

    void setMuteOnEntry(boolean enabled);

    void askAllToUnmute();

    /** Host only: make a participant a co-host, or a participant again. */
    void setCohost(int participantId, boolean cohost);

    /** Show {@code participantId} large for everyone; 0 ends the spotlight. */
    void spotlight(int participantId);

    /** Does nothing: for screens made without a meeting (previews, the screenshot tour's bystanders). */
    ModerationCommands NONE = new ModerationCommands() {
        @Override
        public void admit(int waitingId) {
        }

        @Override
        public void admitAll() {
        }

        @Override
        public void deny(int waitingId) {
        }

        @Override
        public void setWaitingRoom(boolean enabled) {
        }

        @Override
        public void setMuteOnEntry(boolean enabled) {
        }

        @Override
        public void askAllToUnmute() {
        }

        @Override
        public void setCohost(int participantId, boolean cohost) {
        }

        @Override
        public void spotlight(int participantId) {
        }
    };

    static ModerationCommands of(MeetingSession session) {
        return new ModerationCommands() {
            @Override
            public void admit(int waitingId) {
                session.admit(waitingId);
            }

            @Override
            public void admitAll() {
                session.admitAll();
            }

            @Override
            public void deny(int waitingId) {
                session.deny(waitingId);
            }

            @Override
            public void setWaitingRoom(boolean enabled) {
                session.setWaitingRoom(enabled);
            }

            @Override
            public void setMuteOnEntry(boolean enabled) {
                session.setMuteOnEntry(enabled);
            }

            @Override
            public void askAllToUnmute() {
                session.askAllToUnmute();
            }

            @Override
            public void setCohost(int participantId, boolean cohost) {
                session.setCohost(participantId, cohost);
            }

            @Override
            public void spotlight(int participantId) {
                session.spotlight(participantId);
            }
        };
    }
}
