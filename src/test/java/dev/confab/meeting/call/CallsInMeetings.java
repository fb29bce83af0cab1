package dev.confab.meeting.call;

import dev.confab.meeting.MeetingListener;
import dev.confab.meeting.SessionOptions;
import dev.confab.meeting.SessionState;
import dev.confab.signaling.ServerTrust;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;

/** Headless participants for the media engine's tests: a {@link MeetingCall} per person, in a meeting. */
final class CallsInMeetings {

    private CallsInMeetings() {
    }

    /**
     * A call whose session creates a meeting ({@code meetingId} null) or joins one, once it is in; the session
     * and the call are added to {@code opened} for closing (the call first).
     */
    static MeetingCall join(URI server, String name, String meetingId, MeetingListener listener,
                            List<AutoCloseable> opened) {
        MeetingCall call = MeetingCall.open(SessionOptions.of(server, name, ServerTrust.systemOnly()), listener);
        opened.add(call.session());
        opened.add(call);
        if (meetingId == null) {
            call.session().createMeeting(null);
        } else {
            call.session().join(meetingId, null);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> call.session().state() instanceof SessionState.InMeeting);
        return call;
    }
}
