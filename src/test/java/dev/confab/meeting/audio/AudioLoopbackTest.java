package dev.confab.meeting.audio;

import dev.confab.media.FfmpegCaptureFactory;
import dev.confab.meeting.Attendee;
import dev.confab.meeting.MeetingListener;
import dev.confab.meeting.MeetingSession;
import dev.confab.meeting.Roster;
import dev.confab.meeting.SessionOptions;
import dev.confab.meeting.SessionState;
import dev.confab.protocol.MediaFrame;
import dev.confab.protocol.StreamKind;
import dev.confab.server.MeetingServer;
import dev.confab.signaling.ServerTrust;
import dev.confab.testing.IntegrationTest;
import dev.confab.testing.TestServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/** Real sessions over a loopback server, the synthetic 440 Hz microphone, real Opus, real-time playout. */
@IntegrationTest
class AudioLoopbackTest {
    private MeetingServer server;
    private final List<AutoCloseable> opened = new ArrayList<>();

    /** A participant: its session, its audio, and what arrived at it. */
    private static final class Peer implements MeetingListener {
        volatile AudioCall call;
        volatile Roster roster;
        MeetingSession session;
        final Map<Integer, AtomicInteger> audioFramesFrom = new ConcurrentHashMap<>();

        @Override
        public void onMedia(MediaFrame frame) {
            if (frame.header().stream() == StreamKind.AUDIO) {
                audioFramesFrom.computeIfAbsent(frame.header().senderId(), id -> new AtomicInteger()).incrementAndGet();
            }
            AudioCall current = call;
            if (current != null) {
                current.receiver().onMedia(frame);
            }
        }

        @Override
        public void onRosterChanged(Roster value) {
            roster = value;
        }

        int framesFrom(int id) {
            return audioFramesFrom.getOrDefault(id, new AtomicInteger()).get();
        }

        int selfId() {
            return session.roster().selfId();
        }

        boolean seesMuted(int id) {
            Roster current = roster;
            return current != null && current.find(id).map(Attendee::muted).orElse(false);
        }
    }

    @BeforeEach
    void startServer() throws Exception {
        server = TestServers.start(TestServers.loopback());
    }

    @AfterEach
    void stopAll() throws Exception {
        for (AutoCloseable closeable : opened.reversed()) {
            closeable.close();
        }
        server.stop();
    }

    private Peer join(String meetingId, String name, AudioCall.Source source, boolean muted) throws Exception {
        Peer peer = new Peer();
        peer.session = new MeetingSession(SessionOptions.of(server.url(), name, ServerTrust.systemOnly()), peer);
        opened.add(peer.session);
        if (meetingId == null) {
            peer.session.createMeeting(null);
        } else {
            peer.session.join(meetingId, null);
        }
        await().atMost(ofSeconds(10)).until(() -> peer.session.state() instanceof SessionState.InMeeting);
        peer.call = AudioCall.start(peer.session, peer.session::sendMedia, source, new NullAudioOutput(), AudioCall.Processing.NONE, muted);
        opened.add(peer.call);
        return peer;
    }

    private static String meetingId(Peer peer) {
        return ((SessionState.InMeeting) peer.session.state()).meetingId();
    }

    private static AudioCall.Source sine() {
        return AudioCall.Source.microphone(new FfmpegCaptureFactory(), FfmpegCaptureFactory.SYNTHETIC_MICROPHONE);
    }

    @Test
    void aToneSentByOneBotIsDecodedAndHeardAt440HzByTheOther() throws Exception {
        Peer speaker = join(null, "Speaker", sine(), false);
        Peer listener = join(meetingId(speaker), "Listener", new AudioCall.Source.None(), false);
        int speakerId = speaker.selfId();

        await().atMost(ofSeconds(10)).until(() -> played(listener, speakerId) >= 40);

        RemoteAudioStats heard = listener.call.receiver().stats().get(speakerId);
        assertThat(heard.dominantHz()).isCloseTo(440.0, within(5.0));
        assertThat(heard.received()).isPositive();
        assertThat(heard.latencyP95Millis()).as("latency is measured").isPositive();
        assertThat(listener.call.receiver().level(speakerId).meter()).isGreaterThan(0.5);
        assertThat(listener.call.receiver().playoutCaptureMicros(speakerId))
                .as("the lip-sync clock follows the speaker's capture clock")
                .isBetween(AudioReceiver.epochMicros() - 500_000, AudioReceiver.epochMicros());
        assertThat(speaker.call.sender().packetsSent()).isPositive();
        assertThat(listener.call.sender().packetsSent()).as("listen-only sends nothing").isZero();
    }

    private static long played(Peer peer, int from) {
        RemoteAudioStats stats = peer.call.receiver().stats().get(from);
        return stats == null ? 0 : stats.played();
    }

    @Test
    void mutedParticipantsSendNothingAndTheActiveSpeakerFollowsWhoIsTalking() throws Exception {
        Peer alice = join(null, "Alice", sine(), true);
        Peer bob = join(meetingId(alice), "Bob", sine(), true);
        Peer observer = join(meetingId(alice), "Observer", new AudioCall.Source.None(), false);
        int aliceId = alice.selfId();
        int bobId = bob.selfId();
        List<OptionalInt> changes = new CopyOnWriteArrayList<>();
        observer.call.receiver().addActiveSpeakerListener(changes::add);
        alice.call.setMuted(true);
        bob.call.setMuted(true); // publishes the state the calls started with

        await().atMost(ofSeconds(5)).until(() -> observer.seesMuted(aliceId) && observer.seesMuted(bobId));
        await().during(ofMillis(600)).atMost(ofSeconds(2))
                .until(() -> observer.framesFrom(aliceId) == 0 && observer.framesFrom(bobId) == 0);
        assertThat(alice.call.sender().packetsSent()).isZero();

        alice.call.setMuted(false);
        await().atMost(ofSeconds(5)).until(() -> observer.call.receiver().activeSpeaker().equals(OptionalInt.of(aliceId)));
        assertThat(observer.seesMuted(aliceId)).isFalse();
        assertThat(observer.call.receiver().isSpeaking(aliceId)).isTrue();
        assertThat(observer.framesFrom(bobId)).as("Bob is still muted").isZero();

        alice.call.setMuted(true);
        bob.call.setMuted(false);
        await().atMost(ofSeconds(5)).until(() -> observer.call.receiver().activeSpeaker().equals(OptionalInt.of(bobId)));
        assertThat(changes).containsExactly(OptionalInt.of(aliceId), OptionalInt.of(bobId));
        int aliceFramesAfterMute = alice.call.sender().packetsSent() > 0 ? observer.framesFrom(aliceId) : -1;
        await().during(ofMillis(400)).atMost(ofSeconds(2))
                .until(() -> observer.framesFrom(aliceId) == aliceFramesAfterMute);
    }

    @Test
    void recordedSpeechMakesItsSenderTheActiveSpeaker() throws Exception {
        Path speech = Path.of(getClass().getResource("/media/speech-en.ogg").toURI());
        Peer talker = join(null, "Talker", new AudioCall.Source.File(speech), false);
        Peer quiet = join(meetingId(talker), "Quiet", sine(), true);
        Peer observer = join(meetingId(talker), "Observer", new AudioCall.Source.None(), false);

        await().atMost(ofSeconds(10))
                .until(() -> observer.call.receiver().activeSpeaker().equals(OptionalInt.of(talker.selfId())));
        assertThat(observer.call.receiver().isSpeaking(quiet.selfId())).isFalse();
    }
}
