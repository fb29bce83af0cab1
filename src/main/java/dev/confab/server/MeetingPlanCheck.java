package dev.confab.server;

import dev.confab.protocol.ClientMessage;
import dev.confab.protocol.DisplayNameRule;
import dev.confab.protocol.RecordingPolicy;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;

/** Checks a {@link ClientMessage.MeetingPlan} against {@link ScheduleLimits}; the wording goes to the client. */
final class MeetingPlanCheck {

    static final int MAX_PASSCODE_CHARS = 64;
    private static final int MAX_ZONE_CHARS = 64;

    /** Either {@code meeting} (without ID and host key) or {@code problem}. */
    record Result(ScheduledMeeting meeting, String problem) {
    }

    private MeetingPlanCheck() {
    }

    static Result check(ClientMessage.MeetingPlan plan, Instant now, ScheduleLimits limits) {
        DisplayNameRule.Result title = DisplayNameRule.check(plan.title());
        if (!title.valid()) {
            return problem(title.wireReason("title"));
        }
        if (plan.start().isBefore(now.minus(ScheduleLimits.START_SLACK))) {
            return problem("'start' is in the past");
        }
        if (plan.start().isAfter(now.plus(limits.maxAhead()))) {
            return problem("'start' is more than " + limits.maxAhead().toDays() + " days ahead");
        }
        if (plan.durationMinutes() < ScheduleLimits.MIN_DURATION_MINUTES
                || plan.durationMinutes() > ScheduleLimits.MAX_DURATION_MINUTES) {
            return problem("'durationMinutes' must be " + ScheduleLimits.MIN_DURATION_MINUTES + " to "
                    + ScheduleLimits.MAX_DURATION_MINUTES);
        }
        String zone = zoneId(plan.timeZone());
        if (zone == null) {
            return problem("'timeZone' must be an IANA time zone such as Europe/Berlin");
        }
        if (plan.passcode() != null && plan.passcode().length() > MAX_PASSCODE_CHARS) {
            return problem("'passcode' is limited to " + MAX_PASSCODE_CHARS + " characters");
        }
        RecordingPolicy recording = plan.recordingPolicy() == null ? RecordingPolicy.HOST_ONLY : plan.recordingPolicy();
        if (recording == RecordingPolicy.UNKNOWN) {
            return problem("'recordingPolicy' must be HOST_ONLY, EVERYONE or NOBODY");
        }
        PasscodeHash.Stored passcode = plan.passcode() == null || plan.passcode().isEmpty()
                ? null : PasscodeHash.of(plan.passcode()).stored();
        return new Result(new ScheduledMeeting(null, title.name(), plan.start(), plan.durationMinutes(), zone,
                passcode, plan.waitingRoom(), recording, null), null);
    }

    private static String zoneId(String raw) {
        if (raw.isEmpty() || raw.length() > MAX_ZONE_CHARS) {
            return null;
        }
        try {
            return ZoneId.of(raw).getId();
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static Result problem(String message) {
        return new Result(null, message);
    }
}
