package dev.confab.ui;

import dev.confab.media.ScreenCaptureFactory;
import dev.confab.meeting.MeetingListener;
import dev.confab.meeting.MeetingSession;
import dev.confab.meeting.SessionOptions;
import dev.confab.meeting.SessionState;
import dev.confab.meeting.call.MeetingCall;
import dev.confab.meeting.share.AnnotationModel;
import dev.confab.meeting.share.ScreenShareController;
import dev.confab.signaling.ServerTrust;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import static org.awaitility.Awaitility.await;

/**
 * A headless participant with real screen sharing (synthetic screen) in a {@link MeetingCall}, as the desktop app
 * wires it, counting the share pictures it decodes.
 */
final class SharingPeer implements MeetingListener, ScreenShareController.Events, AutoCloseable {
    final MeetingCall call;
    final MeetingSession session;
    final ScreenShareController shares;
    final Map<Integer, AtomicLong> picturesFrom = new ConcurrentHashMap<>();
    final List<String> events = new CopyOnWriteArrayList<>();
    private volatile SessionState state = new SessionState.Idle();

    SharingPeer(URI server, String fingerprint, String name, String meetingId) {
        call = MeetingCall.open(SessionOptions.of(server, name, ServerTrust.pinned(fingerprint)), this);
        session = call.session();
        shares = call.startScreenShare(ScreenCaptureFactory.syntheticOnly(),
                (sharer, w, h, stride, bgra, time) -> picturesFrom.computeIfAbsent(sharer, k -> new AtomicLong()).incrementAndGet(),
                this);
        session.join(meetingId, null);
        await().atMost(MeetingRig.WAIT).until(() -> state instanceof SessionState.InMeeting);
    }

    long picturesFrom(int sharerId) {
        AtomicLong count = picturesFrom.get(sharerId);
        return count == null ? 0 : count.get();
    }

    int id() {
        return session.roster().selfId();
    }

    @Override
    public void onStateChanged(SessionState now) {
        state = now;
    }

    @Override
    public void shareStarted(int sharerId, boolean self, AnnotationModel annotations, boolean viewersMayAnnotate) {
        events.add("started " + sharerId);
    }

    @Override
    public void shareEnded(int sharerId, boolean self, boolean stoppedByHost) {
        events.add("ended " + sharerId);
    }

    @Override
    public void close() {
        call.close();
        session.close();
    }
}
