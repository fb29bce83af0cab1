package dev.confab.meeting.schedule;

import dev.confab.meeting.MeetingFailure;

/** Scheduling, changing or cancelling failed: unreachable server, untrusted certificate, or a refusal. */
public final class ScheduleException extends Exception {

    private final transient MeetingFailure failure;

    public ScheduleException(MeetingFailure failure) {
        super(failure.detail());
        this.failure = failure;
    }

    public MeetingFailure failure() {
        return failure;
    }
}
