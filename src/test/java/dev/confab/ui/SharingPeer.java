package dev.confab.ui;

import dev.confab.media.ScreenCaptureFactory;
import dev.confab.media.VideoCodec;
import dev.confab.meeting.MeetingListener;
import dev.confab.meeting.MeetingSession;
import dev.confab.meeting.Roster;
import dev.confab.meeting.SessionOptions;
import dev.confab.meeting.SessionState;
import dev.confab.meeting.share.AnnotationModel;
import dev.confab.meeting.share.ScreenShareController;
import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.MediaFrame;
import dev.confab.protocol.ServerMessage;
import dev.confab.protocol.StreamKind;
import dev.confab.signaling.ServerTrust;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import static org.awaitility.Awaitility.await;

/** A headless participant with real screen sharing (synthetic screen), counting the share pictures it decodes. */
final class SharingPeer implements MeetingListener, ScreenShareController.Events, AutoCloseable {
    final MeetingSession session;
    final ScreenShareController shares;
    final Map<Integer, AtomicLong> picturesFrom = new ConcurrentHashMap<>();
    final List<String> events = new CopyOnWriteArrayList<>();
    private volatile SessionState state = new SessionState.Idle();

    SharingPeer(URI server, String fingerprint, String name, String meetingId) {
        session = new MeetingSession(SessionOptions.of(server, name, ServerTrust.pinned(fingerprint)), this);
        shares = new ScreenShareController(session, ScreenCaptureFactory.syntheticOnly(), VideoCodec.PREFERRED,
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
    public void onShareUpdated(ServerMessage.ShareUpdated update) {
        shares.onShareUpdated(update);
    }

    @Override
    public void onAnnotation(ServerMessage.AnnotationMessage annotation) {
        shares.onAnnotation(annotation);
    }

    @Override
    public void onMedia(MediaFrame frame) {
        shares.onMedia(frame);
    }

    @Override
    public void onKeyframeRequested(StreamKind stream, int requestedBy) {
        shares.onKeyframeRequested(stream);
    }

    @Override
    public void onRequestFailed(ErrorCode code, String detail, String requestType) {
        shares.onRequestFailed(code, detail, requestType);
    }

    @Override
    public void onParticipantLeft(Roster.Departed departed) {
        shares.onParticipantLeft(departed.participant().id());
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
        shares.close();
        session.close();
    }
}
