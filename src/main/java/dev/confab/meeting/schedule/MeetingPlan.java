package dev.confab.meeting.schedule;

import dev.confab.meeting.RecordingRule;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * What the user plans: title, start, length, the time zone they planned in, an optional passcode (null for
 * none) and the defaults the meeting starts with. The server checks the bounds (docs/protocol.md section 6.11).
 */
public record MeetingPlan(String title, Instant start, Duration duration, ZoneId zone, String passcode,
                          boolean waitingRoom, RecordingRule recording) {

    public MeetingPlan {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(recording, "recording");
        if (passcode != null && passcode.isEmpty()) {
            passcode = null;
        }
    }
}
