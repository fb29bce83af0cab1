package dev.confab.ui.meeting;

import dev.confab.meeting.MeetingSession;
import dev.confab.meeting.OwnMediaState;

/**
 * What the meeting screen asks of the meeting. Every call returns at once (the session does the work on
 * its own thread). {@link #of(MeetingSession)} adapts a real session; the screenshot tour uses its own.
 */
public interface MeetingCommands {
    void updateOwnState(OwnMediaState state);

    void leave();

    void endForAll();

    void askToMute(int participantId);

    void askAllToMute();

    void remove(int participantId);

    void makeHost(int participantId);

    void setLocked(boolean locked);

    /** Host: what the meeting is about; blank removes it. */
    void setTopic(String topic);

    /** Host: end this participant's screen share. */
    void stopShareOf(int participantId);

    /** Host: let several participants share at once, or only one. */
    void setMultipleSharersAllowed(boolean allowed);

    /** Raises or lowers this participant's own hand. */
    default void raiseHand(boolean raised) {
    }

    /** Host or co-host: lower someone's hand. */
    default void lowerHand(int participantId) {
    }

    /** Host or co-host: lower every hand. */
    default void lowerAllHands() {
    }

    /** Sends one of {@code Reactions.ALLOWED}. */
    default void react(String emoji) {
    }

    static MeetingCommands of(MeetingSession session) {
        return new MeetingCommands() {
            @Override
            public void updateOwnState(OwnMediaState state) {
                session.updateOwnState(state);
            }

            @Override
            public void leave() {
                session.leave();
            }

            @Override
            public void endForAll() {
                session.endForAll();
            }

            @Override
            public void askToMute(int participantId) {
                session.askToMute(participantId);
            }

            @Override
            public void askAllToMute() {
                session.askAllToMute();
            }

            @Override
            public void remove(int participantId) {
                session.removeParticipant(participantId);
            }

            @Override
            public void makeHost(int participantId) {
                session.makeHost(participantId);
            }

            @Override
            public void setLocked(boolean locked) {
                session.setLocked(locked);
            }

            @Override
            public void setTopic(String topic) {
                session.setTopic(topic);
            }

            @Override
            public void stopShareOf(int participantId) {
                session.stopShareOf(participantId);
            }

            @Override
            public void setMultipleSharersAllowed(boolean allowed) {
                session.setMultipleSharersAllowed(allowed);
            }

            @Override
            public void raiseHand(boolean raised) {
                session.raiseHand(raised);
            }

            @Override
            public void lowerHand(int participantId) {
                session.lowerHand(participantId);
            }

            @Override
            public void lowerAllHands() {
                session.lowerAllHands();
            }

            @Override
            public void react(String emoji) {
                session.react(emoji);
            }
        };
    }
}
