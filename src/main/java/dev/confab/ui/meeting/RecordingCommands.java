package dev.confab.ui.meeting;

import dev.confab.meeting.MeetingSession;
import dev.confab.meeting.RecordingRule;

/** What recording asks of the meeting; every call returns at once. */
public interface RecordingCommands {
    /** Announce (and ask the server's permission) before writing anything. */
    void startRecording();

    void stopRecording();

    /** Host: who may record. */
    void setRecordingPolicy(RecordingRule policy);

    /** The user chose Leave in the "being recorded" prompt. */
    void leave();

    /** The meeting's topic now, which names the recording; null (the default: meetings without one) uses the ID. */
    default String topic() {
        return null;
    }

    static RecordingCommands of(MeetingSession session) {
        return new RecordingCommands() {
            @Override
            public void startRecording() {
                session.startRecording();
            }

            @Override
            public void stopRecording() {
                session.stopRecording();
            }

            @Override
            public void setRecordingPolicy(RecordingRule policy) {
                session.setRecordingPolicy(policy);
            }

            @Override
            public void leave() {
                session.leave();
            }

            @Override
            public String topic() {
                return session.topic();
            }
        };
    }
}
