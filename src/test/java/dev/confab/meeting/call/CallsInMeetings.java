package dev.confab.meeting.call;

import dev.confab.meeting.MeetingListener;
import dev.confab.meeting.SessionOptions;
import dev.confab.meeting.SessionState;
import dev.confab.signaling.ServerTrust;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.awaitility.Awaitility.await;

/**
 * Headless participants for the media engine's tests, as a JUnit extension
 * ({@code @RegisterExtension final CallsInMeetings calls = new CallsInMeetings();}): a {@link MeetingCall} per
 * person, in a meeting; everything it opened, and whatever a test hands to {@link #closeLater}, is closed after
 * each test, last opened first.
 */
public final class CallsInMeetings implements AfterEachCallback {

    private final List<AutoCloseable> opened = new ArrayList<>();

    /** A call whose session creates a meeting ({@code meetingId} null) or joins one, once it is in. */
    public MeetingCall join(URI server, String name, String meetingId) {
        return join(server, name, meetingId, new MeetingListener() { });
    }

    public MeetingCall join(URI server, String name, String meetingId, MeetingListener listener) {
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

    public <T extends AutoCloseable> T closeLater(T closeable) {
        opened.add(closeable);
        return closeable;
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        for (AutoCloseable closeable : opened.reversed()) {
            closeable.close();
        }
        opened.clear();
    }
}
