package dev.confab.meeting;

import dev.confab.netem.LinkEmulator;
import dev.confab.netem.LinkSpec;
import dev.confab.protocol.MediaCodec;
import dev.confab.protocol.MediaFrame;
import dev.confab.protocol.MediaFrameHeader;
import dev.confab.protocol.StreamKind;
import dev.confab.server.MeetingServer;
import dev.confab.signaling.ServerTrust;
import dev.confab.testing.IntegrationTest;
import dev.confab.testing.TestServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A participant behind a congested downlink (the link emulator between it and a real server): the sound keeps
 * coming and the connection is kept, because audio and control go ahead of video on the server and every
 * byte received counts as a sign of life; video is thinned while the link is narrow and comes back, from a
 * keyframe, when it widens. The sender is synthetic (no codecs), so the figures are the transport's own.
 */
@IntegrationTest
class CongestedLinkTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration LIMITED = Duration.ofSeconds(8);
    private static final int AUDIO_BYTES = 80;
    private static final int DELTA_BYTES = 6_000;   // 30 fps x 6 kB = 1.4 Mbit/s, ~5 x the link
    private static final int KEYFRAME_BYTES = 18_000;

    private MeetingServer server;
    private LinkEmulator link;
    private final List<MeetingSession> sessions = new ArrayList<>();
    private final ScheduledExecutorService media = Executors.newScheduledThreadPool(2);

    @AfterEach
    void stop() {
        media.shutdownNow();
        sessions.forEach(MeetingSession::close);
        link.close();
        server.stop();
    }

    /**
     * The receiving side: counts what arrives, and which video frames a decoder could decode (a keyframe, or the
     * next frame after a decodable one): the server must never pass on a delta after a gap.
     */
    private static final class Receiver extends Recorder {
        final AtomicInteger audio = new AtomicInteger();
        final AtomicInteger video = new AtomicInteger();
        final AtomicInteger decodableVideo = new AtomicInteger();
        final AtomicInteger deltasAfterAGap = new AtomicInteger();
        private long lastDecodable = -2;

        @Override
        public synchronized void onMedia(MediaFrame frame) {
            MediaFrameHeader header = frame.header();
            if (header.stream() == StreamKind.AUDIO) {
                audio.incrementAndGet();
                return;
            }
            video.incrementAndGet();
            if (header.keyframe() || header.sequence() == lastDecodable + 1) {
                lastDecodable = header.sequence();
                decodableVideo.incrementAndGet();
            } else {
                deltasAfterAGap.incrementAndGet();
            }
        }
    }

    /** The sending side: a camera that answers keyframe requests, and a microphone. */
    private static final class Sender extends Recorder {
        final AtomicBoolean keyframeWanted = new AtomicBoolean(true);
        final AtomicInteger keyframeRequests = new AtomicInteger();

        @Override
        public void onKeyframeRequested(StreamKind stream, int requestedBy) {
            keyframeRequests.incrementAndGet();
            keyframeWanted.set(true);
        }
    }

    @Test
    void behindANarrowDownlinkSoundKeepsComingTheConnectionStaysAndVideoRecoversAfterwards() throws Exception {
        server = TestServers.start(TestServers.loopback());
        link = LinkEmulator.inFrontOf(server.url(), LinkSpec.parse("down 300kbit for " + LIMITED.toMillis() + "ms"),
                LinkEmulator.ScheduleStart.ON_REQUEST);
        Sender senderEvents = new Sender();
        Receiver receiverEvents = new Receiver();
        MeetingSession sender = session("Sender", senderEvents, server.url());
        sender.createMeeting(null);
        await().atMost(WAIT).until(senderEvents::inMeeting);
        MeetingSession receiver = session("Receiver", receiverEvents, link.routeThrough(server.url()));
        receiver.join(sender.roster().meetingId(), null);
        await().atMost(WAIT).until(receiverEvents::inMeeting);

        AtomicLong audioSent = new AtomicLong();
        AtomicLong videoSent = new AtomicLong();
        startMedia(sender, senderEvents, audioSent, videoSent);
        await().atMost(WAIT).until(() -> receiverEvents.video.get() > 30 && receiverEvents.audio.get() > 50);

        link.startSchedule();
        long audioAtStart = audioSent.get();
        int heardAtStart = receiverEvents.audio.get();
        int videoAtStart = receiverEvents.video.get();
        long videoSentAtStart = videoSent.get();
        long limitEnds = System.nanoTime() + LIMITED.toNanos();
        await().atMost(LIMITED.plus(WAIT)).until(() -> System.nanoTime() >= limitEnds); // the phase itself
        long audioInLimit = audioSent.get() - audioAtStart;
        long videoOfferedInLimit = videoSent.get() - videoSentAtStart;
        int videoInLimit = receiverEvents.video.get() - videoAtStart;

        // Sent during the limit, the sound arrives (late by the link's queue at most); a lost frame never does.
        await().atMost(WAIT).until(() -> receiverEvents.audio.get() - heardAtStart >= audioInLimit * 0.95);
        System.out.printf("behind down 300kbit for %d s: audio %d of %d sent, video %d of %d, keyframe requests %d%n",
                LIMITED.toSeconds(), receiverEvents.audio.get() - heardAtStart, audioInLimit, videoInLimit,
                videoOfferedInLimit, senderEvents.keyframeRequests.get());
        assertThat(receiverEvents.saw(SessionState.Reconnecting.class)).as("the connection was never given up").isFalse();
        assertThat(link.connectionsAccepted()).isEqualTo(1);
        assertThat(videoInLimit).as("video was thinned to fit").isLessThan((int) (videoOfferedInLimit * 0.6));

        int decodableAfterLimit = receiverEvents.decodableVideo.get();
        await("video flows again").atMost(WAIT)
                .until(() -> receiverEvents.decodableVideo.get() - decodableAfterLimit >= 60);
        assertThat(receiverEvents.deltasAfterAGap).as("after every gap the stream restarted at a keyframe").hasValue(0);
    }

    private MeetingSession session(String name, Recorder events, java.net.URI url) {
        var session = new MeetingSession(SessionOptions.of(url, name, ServerTrust.systemOnly()), events);
        sessions.add(session);
        return session;
    }

    private void startMedia(MeetingSession sender, Sender events, AtomicLong audioSent, AtomicLong videoSent) {
        AtomicLong audioSequence = new AtomicLong();
        media.scheduleAtFixedRate(() -> {
            var header = new MediaFrameHeader(StreamKind.AUDIO, true, MediaCodec.OPUS, audioSequence.getAndIncrement(),
                    System.currentTimeMillis() * 1000);
            if (sender.sendMedia(header, ByteBuffer.allocate(AUDIO_BYTES))) {
                audioSent.incrementAndGet();
            }
        }, 0, 20, TimeUnit.MILLISECONDS);
        AtomicLong videoSequence = new AtomicLong();
        media.scheduleAtFixedRate(() -> {
            boolean keyframe = events.keyframeWanted.getAndSet(false);
            var header = new MediaFrameHeader(StreamKind.CAMERA, keyframe, MediaCodec.VP8, videoSequence.getAndIncrement(),
                    System.currentTimeMillis() * 1000);
            if (sender.sendMedia(header, ByteBuffer.allocate(keyframe ? KEYFRAME_BYTES : DELTA_BYTES))) {
                videoSent.incrementAndGet();
            } else {
                events.keyframeWanted.set(true);
            }
        }, 0, 33, TimeUnit.MILLISECONDS);
    }
}
