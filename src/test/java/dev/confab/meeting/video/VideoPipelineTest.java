package dev.confab.meeting.video;

import dev.confab.media.Capture;
import dev.confab.media.AudioFrameListener;
import dev.confab.media.CaptureDevice;
import dev.confab.media.CaptureFactory;
import dev.confab.media.FfmpegCaptureFactory;
import dev.confab.media.MediaException;
import dev.confab.media.VideoCodec;
import dev.confab.media.VideoFormat;
import dev.confab.media.VideoFrameListener;
import dev.confab.meeting.MeetingListener;
import dev.confab.meeting.MeetingSession;
import dev.confab.meeting.SessionOptions;
import dev.confab.meeting.SessionState;
import dev.confab.protocol.MediaFrame;
import dev.confab.protocol.StreamKind;
import dev.confab.server.MeetingServer;
import dev.confab.signaling.ServerTrust;
import dev.confab.testing.IntegrationTest;
import dev.confab.testing.TestServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Camera → encoder → real loopback server → decoder, between real meeting sessions. */
@IntegrationTest
class VideoPipelineTest {

    private static final VideoFormat SMALL = new VideoFormat(640, 360, 15);

    private MeetingServer server;
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : toClose.reversed()) {
            c.close();
        }
        if (server != null) {
            server.stop();
        }
    }

    /** A participant: session + receiver (+ optional sender), with a hook that sees frames first. */
    private final class Peer implements MeetingListener {
        final MeetingSession session;
        final VideoReceiver receiver;
        VideoSender sender;
        /** Network conditions in front of the receiver: false = the frame is lost. */
        volatile Predicate<MediaFrame> beforeReceiver = frame -> true;
        final AtomicInteger keyframeRequests = new AtomicInteger();

        Peer(String name) {
            session = new MeetingSession(SessionOptions.of(server.url(), name, ServerTrust.systemOnly()), this);
            receiver = new VideoReceiver(session::requestKeyframe);
            toClose.add(session);
            toClose.add(receiver);
        }

        VideoSender sendWith(CaptureFactory captures) throws MediaException {
            sender = new VideoSender(captures, FfmpegCaptureFactory.SYNTHETIC_CAMERA, VideoCodec.VP8,
                    new VideoQualityPolicy(SMALL), 1024 * 1024, session::sendMedia);
            toClose.add(sender);
            sender.setCameraOn(true);
            return sender;
        }

        int selfId() {
            return session.roster().selfId();
        }

        @Override
        public void onMedia(MediaFrame frame) {
            if (beforeReceiver.test(frame)) {
                receiver.onMedia(frame);
            }
        }

        @Override
        public void onKeyframeRequested(StreamKind stream, int requestedBy) {
            keyframeRequests.incrementAndGet();
            if (sender != null) {
                sender.onKeyframeRequested();
            }
        }
    }

    /** The real factory, recording whether each camera it opened was closed again. */
    private static final class TrackingCaptures implements CaptureFactory {
        final FfmpegCaptureFactory real = new FfmpegCaptureFactory();
        final List<AtomicReference<Boolean>> opened = new CopyOnWriteArrayList<>();

        @Override
        public List<CaptureDevice> cameras() {
            return real.cameras();
        }

        @Override
        public List<CaptureDevice> microphones() {
            return real.microphones();
        }

        @Override
        public Capture openCamera(CaptureDevice device, VideoFormat format, VideoFrameListener listener) throws MediaException {
            Capture capture = real.openCamera(device, format, listener);
            var closed = new AtomicReference<>(false);
            opened.add(closed);
            return new Capture() {
                @Override
                public CaptureDevice device() {
                    return capture.device();
                }

                @Override
                public void close() {
                    capture.close();
                    closed.set(true);
                }
            };
        }

        @Override
        public Capture openMicrophone(CaptureDevice device, AudioFrameListener listener) throws MediaException {
            return real.openMicrophone(device, listener);
        }
    }

    private List<Peer> meeting(int size) {
        List<Peer> peers = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            Peer peer = new Peer("peer" + i);
            peers.add(peer);
            if (i == 0) {
                peer.session.createMeeting(null);
            } else {
                String id = ((SessionState.InMeeting) peers.getFirst().session.state()).meetingId();
                peer.session.join(id, null);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> peer.session.state() instanceof SessionState.InMeeting);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> peers.stream()
                .allMatch(p -> p.session.roster().participants().size() == size));
        return peers;
    }

    @Test
    void framesArriveAtTheSentSizeAndDecodeWithLatencyMeasured() throws Exception {
        server = TestServers.start(TestServers.loopback());
        List<Peer> peers = meeting(2);
        Peer alice = peers.get(0);
        Peer bob = peers.get(1);
        List<String> sizes = new CopyOnWriteArrayList<>();
        bob.receiver.attach(alice.selfId(), StreamKind.CAMERA, (w, h, stride, bgra, capture) -> {
            sizes.add(w + "x" + h);
            assertThat(bgra.get(3)).as("opaque alpha").isEqualTo((byte) 0xFF);
        });
        alice.sendWith(new FfmpegCaptureFactory());

        await().atMost(Duration.ofSeconds(15)).until(() -> sizes.size() >= 15);
        assertThat(sizes).containsOnly("640x360");
        StreamStats stats = bob.receiver.stats(alice.selfId(), StreamKind.CAMERA);
        assertThat(stats.decodeErrors()).isZero();
        assertThat(stats.framesLost()).isZero();
        assertThat(stats.width()).isEqualTo(640);
        assertThat(stats.latencyP95Millis()).isPositive().isLessThan(5_000);
        assertThat(stats.latencyP50Millis()).isGreaterThanOrEqualTo(stats.arrivalP50Millis());
        assertThat(bob.receiver.quality(alice.selfId())).isBetween(1, 4);
        assertThat(bob.receiver.quality(9999)).isZero();
    }

    @Test
    void aLateJoinerAsksForAKeyframeInsteadOfDecodingDeltas() throws Exception {
        server = TestServers.start(TestServers.loopback());
        List<Peer> peers = meeting(2);
        Peer alice = peers.get(0);
        VideoSender sender = alice.sendWith(new FfmpegCaptureFactory());
        await().atMost(Duration.ofSeconds(15)).until(() -> sender.stats().framesSent() >= 10);

        Peer carol = new Peer("carol");
        carol.session.join(((SessionState.InMeeting) alice.session.state()).meetingId(), null);
        await().atMost(Duration.ofSeconds(10)).until(() -> carol.session.state() instanceof SessionState.InMeeting);
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            StreamStats s = carol.receiver.stats(alice.selfId(), StreamKind.CAMERA);
            return s != null && s.framesDecoded() >= 5;
        });
        StreamStats stats = carol.receiver.stats(alice.selfId(), StreamKind.CAMERA);
        assertThat(stats.decodeErrors()).isZero();
        assertThat(stats.keyframeRequests() + (stats.framesDropped() == 0 ? 1 : 0)).isPositive();
    }

    @Test
    void lostFramesLeadToAKeyframeRequestAndDecodingResumes() throws Exception {
        server = TestServers.start(TestServers.loopback());
        List<Peer> peers = meeting(2);
        Peer alice = peers.get(0);
        Peer bob = peers.get(1);
        AtomicInteger shown = new AtomicInteger();
        bob.receiver.attach(alice.selfId(), StreamKind.CAMERA, (w, h, stride, bgra, capture) -> shown.incrementAndGet());
        VideoSender sender = alice.sendWith(new FfmpegCaptureFactory());
        await().atMost(Duration.ofSeconds(15)).until(() -> shown.get() >= 5);

        // The network loses five frames on the way to Bob (a hook in front of his receiver).
        AtomicInteger toLose = new AtomicInteger(5);
        bob.beforeReceiver = frame -> toLose.getAndUpdate(n -> Math.max(0, n - 1)) == 0;
        long keyframesBefore = sender.stats().keyframesSent();
        await().atMost(Duration.ofSeconds(10)).until(() -> toLose.get() == 0);
        int shownAfterLoss = shown.get();

        await().atMost(Duration.ofSeconds(10)).until(() -> alice.keyframeRequests.get() >= 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> sender.stats().keyframesSent() > keyframesBefore);
        await().atMost(Duration.ofSeconds(10)).until(() -> shown.get() >= shownAfterLoss + 10);
        StreamStats stats = bob.receiver.stats(alice.selfId(), StreamKind.CAMERA);
        assertThat(stats.framesLost()).isEqualTo(5);
        assertThat(stats.keyframeRequests()).isGreaterThanOrEqualTo(1);
        assertThat(stats.decodeErrors()).isZero();
    }

    @Test
    void cameraOffStopsFramesAndReleasesTheCameraOnRestartsWithAKeyframe() throws Exception {
        server = TestServers.start(TestServers.loopback());
        List<Peer> peers = meeting(2);
        Peer alice = peers.get(0);
        Peer bob = peers.get(1);
        TrackingCaptures captures = new TrackingCaptures();
        VideoSender sender = alice.sendWith(captures);
        AtomicInteger selfView = new AtomicInteger();
        sender.setLocalPreview((w, h, stride, bgra, capture) -> selfView.incrementAndGet());
        await().atMost(Duration.ofSeconds(15)).until(() -> sender.stats().framesSent() >= 5 && selfView.get() >= 3);

        sender.setCameraOn(false);
        int selfViewAtOff = selfView.get();
        assertThat(captures.opened).hasSize(1);
        assertThat(captures.opened.getFirst().get()).as("capture closed").isTrue();
        long sentAtOff = sender.stats().framesSent();
        await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(2))
                .until(() -> sender.stats().framesSent() <= sentAtOff + 1);
        assertThat(selfView.get()).as("self-view stops with the camera").isLessThanOrEqualTo(selfViewAtOff + 1);

        long keyframes = sender.stats().keyframesSent();
        sender.setCameraOn(true);
        await().atMost(Duration.ofSeconds(15)).until(() -> sender.stats().framesSent() > sentAtOff + 5);
        assertThat(sender.stats().keyframesSent()).isGreaterThan(keyframes);
        assertThat(captures.opened).hasSize(2);
        await().atMost(Duration.ofSeconds(5)).until(() ->
                bob.receiver.stats(alice.selfId(), StreamKind.CAMERA).framesDecoded() > 5);
    }

    @Test
    void aThrottledReceiverDoesNotDelayAnother() throws Exception {
        server = TestServers.start(TestServers.loopback());
        List<Peer> peers = meeting(3);
        Peer alice = peers.get(0);
        Peer fast = peers.get(1);
        Peer slow = peers.get(2);
        slow.beforeReceiver = frame -> {
            try {
                Thread.sleep(250); // reads 4 frames a second while 15 arrive
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return true;
        };
        alice.sendWith(new FfmpegCaptureFactory());
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            StreamStats s = slow.receiver.stats(alice.selfId(), StreamKind.CAMERA);
            return s != null && s.framesReceived() >= 12;
        });
        StreamStats fastStats = fast.receiver.stats(alice.selfId(), StreamKind.CAMERA);
        StreamStats slowStats = slow.receiver.stats(alice.selfId(), StreamKind.CAMERA);
        assertThat(fastStats.framesReceived()).isGreaterThan(slowStats.framesReceived() * 2);
        assertThat(fastStats.arrivalP95Millis()).isLessThan(1000);
        assertThat(slowStats.arrivalP95Millis()).isGreaterThan(fastStats.arrivalP95Millis() * 2);
    }
}
