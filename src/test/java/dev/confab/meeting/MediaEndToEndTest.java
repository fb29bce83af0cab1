package dev.confab.meeting;

import dev.confab.media.AudioDecoder;
import dev.confab.media.FfmpegCaptureFactory;
import dev.confab.media.MediaException;
import dev.confab.media.ScreenCaptureFactory;
import dev.confab.media.VideoCodec;
import dev.confab.media.VideoDecoder;
import dev.confab.media.VideoFormat;
import dev.confab.meeting.audio.AudioCall;
import dev.confab.meeting.audio.NullAudioOutput;
import dev.confab.meeting.audio.ToneAnalysis;
import dev.confab.meeting.call.CallsInMeetings;
import dev.confab.meeting.call.MeetingCall;
import dev.confab.meeting.share.ScreenShareController;
import dev.confab.meeting.video.StreamStats;
import dev.confab.meeting.video.VideoQualityPolicy;
import dev.confab.protocol.MediaCodec;
import dev.confab.protocol.MediaFrame;
import dev.confab.protocol.MediaFrameHeader;
import dev.confab.protocol.StreamKind;
import dev.confab.server.MeetingServer;
import dev.confab.testing.IntegrationTest;
import dev.confab.testing.TestClient;
import dev.confab.testing.TestServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Media is end-to-end encrypted through a real loopback server. A raw protocol client in the meeting (with no keys
 * of its own, so it gets nothing sealed for it) is the server-side tap: it records every frame exactly as the server
 * forwards it. What the server forwards must be undecodable and unrecognisable, while the participants see and hear
 * each other; someone who left cannot open what follows, and a newcomer cannot open what came before.
 */
@IntegrationTest
class MediaEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final VideoFormat SMALL = new VideoFormat(320, 180, 15);
    private static final byte[] VP8_KEYFRAME_START = {(byte) 0x9d, 0x01, 0x2a};

    @RegisterExtension
    final CallsInMeetings calls = new CallsInMeetings();
    private MeetingServer server;
    private TestClient tap;
    private final List<MediaFrame> tapped = new CopyOnWriteArrayList<>();
    private String meetingId;

    /** A participant with the real media engine, and every frame its session opened (decrypted), in order. */
    private record Person(MeetingCall call, List<MediaFrame> opened) {
        MeetingSession session() {
            return call.session();
        }

        int id() {
            return session().roster().selfId();
        }

        boolean openedText(String text) {
            return opened.stream().anyMatch(f -> text.equals(utf8(f.payload())));
        }
    }

    @BeforeEach
    void start() throws Exception {
        server = TestServers.start(TestServers.loopback());
    }

    @AfterEach
    void stop() {
        if (tap != null) {
            tap.close();
        }
        server.stop();
    }

    private Person join(String name) {
        List<MediaFrame> frames = new CopyOnWriteArrayList<>();
        MeetingCall call = calls.join(server.url(), name, meetingId, new MeetingListener() {
            @Override
            public void onMedia(MediaFrame frame) {
                frames.add(new MediaFrame(frame.header(), copy(frame.payload())));
            }
        });
        meetingId = call.session().roster().meetingId();
        return new Person(call, frames);
    }

    /** The first person creates a meeting, the tap joins, then the others; once everyone but the tap has keys. */
    private List<Person> meetingWithTheTap(String... names) throws Exception {
        List<Person> people = new ArrayList<>();
        people.add(join(names[0]));
        startTap();
        for (int i = 1; i < names.length; i++) {
            people.add(join(names[i]));
        }
        await().atMost(WAIT).until(() -> everyoneHasKeysExceptTheTap(people.toArray(Person[]::new)));
        return people;
    }

    /** The tap: in the meeting like any client, but without a public key, recording what the server forwards. */
    private void startTap() throws Exception {
        tap = TestClient.greeted(server.url());
        tap.join(meetingId, "Tap", null);
    }

    /** Everything the server forwarded to the tap so far, in order. */
    private List<MediaFrame> forwarded() {
        List<ByteBuffer> arrived = new ArrayList<>();
        tap.media.drainTo(arrived);
        arrived.forEach(bytes -> tapped.add(MediaFrame.parse(copy(bytes))));
        return List.copyOf(tapped);
    }

    private static boolean everyoneHasKeysExceptTheTap(Person... people) {
        for (Person p : people) {
            MediaPrivacy privacy = p.session().roster().privacy();
            if (privacy == null || !privacy.awaitingKeys().isEmpty()
                    || !privacy.unencrypted().stream().map(Attendee::displayName).toList().equals(List.of("Tap"))) {
                return false;
            }
        }
        return true;
    }

    // ---- the tap: nothing the server forwards can be decoded or recognised ---------------------------------

    @Test
    void theServerForwardsCameraSoundAndScreenItCannotDecodeWhileBobSeesAndHearsAda() throws Exception {
        List<Person> people = meetingWithTheTap("Ada", "Bob");
        Person ada = people.get(0);
        Person bob = people.get(1);
        assertThat(bob.session().roster().privacy().fullyEncrypted()).as("the keyless tap is named").isFalse();

        ada.call().startVideo(new FfmpegCaptureFactory(), FfmpegCaptureFactory.SYNTHETIC_CAMERA, new VideoQualityPolicy(SMALL))
                .sender().setCameraOn(true);
        ada.call().startAudio(AudioCall.Source.microphone(new FfmpegCaptureFactory(), FfmpegCaptureFactory.syntheticTone(440)),
                new NullAudioOutput(), AudioCall.Processing.NONE, false);
        ScreenShareController share = ada.call().startScreenShare(ScreenCaptureFactory.syntheticOnly(),
                (sharer, w, h, stride, bgra, time) -> { }, new ScreenShareController.Events() { });
        share.start(ScreenCaptureFactory.SYNTHETIC_SCREEN, false);
        bob.call().startVideo(new FfmpegCaptureFactory(), null, new VideoQualityPolicy(SMALL));

        int adaId = ada.id();
        await().atMost(WAIT).until(() -> {
            StreamStats camera = bob.call().cameraStats(adaId);
            return camera != null && camera.framesDecoded() >= 10 && count(bob.opened(), StreamKind.AUDIO) >= 100
                    && count(bob.opened(), StreamKind.SCREEN) >= 3;
        });
        List<MediaFrame> forwarded = forwarded();
        List<MediaFrame> plain = List.copyOf(bob.opened());
        assertThat(count(forwarded, StreamKind.CAMERA)).isPositive();
        assertThat(count(forwarded, StreamKind.SCREEN)).isPositive();
        assertThat(count(forwarded, StreamKind.AUDIO)).isPositive();

        // The check would catch the plaintext: Bob's decrypted keyframes carry VP8's start code at byte 3.
        assertThat(plain).filteredOn(f -> f.header().stream() != StreamKind.AUDIO && f.header().keyframe())
                .isNotEmpty().allMatch(f -> startCodeAt(f.payload()) == 3);
        assertThat(forwarded).as("no VP8 keyframe start code near the front of any forwarded payload")
                .allMatch(f -> startCodeAt(f.payload()) < 0);
        assertThat(forwarded).as("no payload Bob decrypted appears in what the server forwarded")
                .noneMatch(f -> plain.stream().anyMatch(p -> sameFrame(p, f) && contains(f.payload(), prefix(p.payload(), 8))));
        assertThat(forwarded).as("every frame Bob decrypted was forwarded, and differently")
                .anySatisfy(f -> assertThat(plain).anyMatch(p -> sameFrame(p, f)));

        assertThat(picturesDecoded(forwarded, StreamKind.CAMERA)).as("FFmpeg decodes no forwarded camera picture").isZero();
        assertThat(picturesDecoded(forwarded, StreamKind.SCREEN)).as("FFmpeg decodes no forwarded screen picture").isZero();
        assertThat(picturesDecoded(plain, StreamKind.CAMERA)).as("but Bob's decrypted ones").isPositive();

        Sound heard = decodedSound(plain);
        Sound overheard = decodedSound(forwarded);
        assertThat(ToneAnalysis.dominantFrequency(heard.pcm(), heard.count())).as("Bob hears the 440 Hz tone")
                .isBetween(430.0, 450.0);
        assertThat(overheard.powerAt440()).as("FFmpeg makes nothing like the tone of what the server forwarded")
                .isLessThan(heard.powerAt440() / 100);
    }

    // ---- key changes: leavers and newcomers ------------------------------------------------------------------

    @Test
    void someoneWhoLeftCannotOpenWhatAdaSendsAfterwards() throws Exception {
        List<Person> people = meetingWithTheTap("Ada", "Bob", "Carol");
        Person ada = people.get(0);
        Person bob = people.get(1);
        Person carol = people.get(2);

        send(ada, 1, "before Carol left");
        await().atMost(WAIT).until(() -> carol.openedText("before Carol left"));
        long keyBefore = ada.session().encryption().sendingKid();
        carol.session().leave();
        await().atMost(WAIT).until(() -> ada.session().encryption().sendingKid() > keyBefore);

        MediaFrame after = sendAndTap(ada, bob, 2, "after Carol left");

        // A server that kept forwarding to Carol would give her only this: she cannot open it.
        List<MediaFrame> carolOpens = new ArrayList<>();
        carol.session().encryption().unprotect(after, carolOpens::add);
        carol.session().encryption().unprotect(tappedAudio(1), carolOpens::add); // a later frame lets held ones try again
        assertThat(carolOpens).isEmpty();
    }

    @Test
    void aNewcomerCannotOpenWhatAdaSentBeforeAndOpensWhatFollows() throws Exception {
        List<Person> people = meetingWithTheTap("Ada", "Bob");
        Person ada = people.get(0);
        Person bob = people.get(1);
        MediaFrame before = sendAndTap(ada, bob, 1, "before Dave joined");

        Person dave = join("Dave");
        await().atMost(WAIT).until(() -> everyoneHasKeysExceptTheTap(ada, bob, dave));
        List<MediaFrame> daveOpens = new ArrayList<>();
        dave.session().encryption().unprotect(before, daveOpens::add);
        assertThat(daveOpens).as("recorded by a server and handed to Dave later").isEmpty();

        send(ada, 2, "after Dave joined");
        await().atMost(WAIT).until(() -> dave.openedText("after Dave joined"));
        assertThat(dave.openedText("before Dave joined")).isFalse();
    }

    @Test
    void framesWhoseRelayHeaderOrPayloadTheServerChangedAreRejected() throws Exception {
        List<Person> people = meetingWithTheTap("Ada", "Bob");
        Person ada = people.get(0);
        Person bob = people.get(1);
        MediaFrame original = sendAndTap(ada, bob, 1, "a frame the server will tamper with");
        MediaFrameHeader h = original.header();

        List<MediaFrame> tampered = List.of(
                new MediaFrame(new MediaFrameHeader(h.stream(), !h.keyframe(), h.codecId(), h.senderId(), h.sequence(), h.captureMicros(), h.layer()), original.payload()),
                new MediaFrame(new MediaFrameHeader(StreamKind.SCREEN, h.keyframe(), h.codecId(), h.senderId(), h.sequence(), h.captureMicros(), h.layer()), original.payload()),
                new MediaFrame(new MediaFrameHeader(h.stream(), h.keyframe(), MediaCodec.PCM_S16LE.wireId(), h.senderId(), h.sequence(), h.captureMicros(), h.layer()), original.payload()),
                new MediaFrame(new MediaFrameHeader(h.stream(), h.keyframe(), h.codecId(), h.senderId(), h.sequence() + 1, h.captureMicros(), h.layer()), original.payload()),
                new MediaFrame(new MediaFrameHeader(h.stream(), h.keyframe(), h.codecId(), h.senderId(), h.sequence(), h.captureMicros() - 500_000, h.layer()), original.payload()),
                new MediaFrame(h, flipLastByte(original.payload())),
                original); // unchanged, but a second time: a replay
        long failedBefore = bob.session().mediaEncryption().failed();
        List<MediaFrame> bobOpens = new ArrayList<>();
        tampered.forEach(f -> bob.session().encryption().unprotect(f, bobOpens::add));
        assertThat(bobOpens).isEmpty();
        assertThat(bob.session().mediaEncryption().failed()).isEqualTo(failedBefore + tampered.size());
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    /** A marked audio frame through Ada's one media exit: sealed by her session like every real frame. */
    private static void send(Person sender, long sequence, String text) {
        MediaFrameHeader header = new MediaFrameHeader(StreamKind.AUDIO, true, MediaCodec.OPUS, sequence,
                System.currentTimeMillis() * 1000);
        assertThat(sender.call().out().send(header, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)))).isTrue();
    }

    /** Sends a marked frame, waits until {@code receiver} opened it, and returns it as the server forwarded it. */
    private MediaFrame sendAndTap(Person sender, Person receiver, long sequence, String text) {
        send(sender, sequence, text);
        await().atMost(WAIT).until(() -> receiver.openedText(text));
        return tappedAudio(sequence);
    }

    private MediaFrame tappedAudio(long sequence) {
        await().atMost(WAIT).until(() -> forwarded().stream().anyMatch(f -> f.header().stream() == StreamKind.AUDIO
                && f.header().sequence() == sequence));
        return tapped.stream().filter(f -> f.header().stream() == StreamKind.AUDIO && f.header().sequence() == sequence)
                .findFirst().orElseThrow();
    }

    private static long count(List<MediaFrame> frames, StreamKind kind) {
        return frames.stream().filter(f -> f.header().stream() == kind).count();
    }

    private static boolean sameFrame(MediaFrame a, MediaFrame b) {
        return a.header().senderId() == b.header().senderId() && a.header().stream() == b.header().stream()
                && a.header().layer() == b.header().layer() && a.header().sequence() == b.header().sequence();
    }

    /** Where VP8's keyframe start code is within the first 32 bytes (any plausible header in front), or -1. */
    private static int startCodeAt(ByteBuffer payload) {
        byte[] bytes = prefix(payload, 32 + VP8_KEYFRAME_START.length);
        for (int i = 0; i + VP8_KEYFRAME_START.length <= bytes.length; i++) {
            if (Arrays.equals(bytes, i, i + 3, VP8_KEYFRAME_START, 0, 3)) {
                return i;
            }
        }
        return -1;
    }

    private static long picturesDecoded(List<MediaFrame> frames, StreamKind kind) throws MediaException {
        AtomicLong pictures = new AtomicLong();
        int layer = frames.stream().filter(f -> f.header().stream() == kind).findFirst().orElseThrow().header().layer();
        try (VideoDecoder decoder = new VideoDecoder(VideoCodec.VP8, (w, h, stride, bgra, time) -> pictures.incrementAndGet())) {
            feed(frames, kind, layer, decoder::decode);
        }
        return pictures.get();
    }

    /** What FFmpeg's Opus decoder makes of the audio frames (up to 2 s). */
    private record Sound(short[] pcm, int count) {
        double powerAt440() {
            return count == 0 ? 0 : ToneAnalysis.powerAt(pcm, count, 440);
        }
    }

    private static Sound decodedSound(List<MediaFrame> frames) throws MediaException {
        short[] pcm = new short[48_000 * 2];
        AtomicInteger filled = new AtomicInteger();
        try (AudioDecoder decoder = new AudioDecoder((samples, n, time) -> {
            int at = filled.get();
            int take = Math.min(n, pcm.length - at);
            System.arraycopy(samples, 0, pcm, at, take);
            filled.addAndGet(take);
        })) {
            feed(frames, StreamKind.AUDIO, 0, decoder::decode);
        }
        return new Sound(pcm, filled.get());
    }

    private interface Decode {
        void decode(byte[] data, int offset, int length, long captureMicros) throws MediaException;
    }

    /** Every frame of {@code kind} and {@code layer} to an FFmpeg decoder; what it rejects simply makes nothing. */
    private static void feed(List<MediaFrame> frames, StreamKind kind, int layer, Decode decoder) {
        for (MediaFrame f : frames) {
            if (f.header().stream() == kind && f.header().layer() == layer && f.payload().hasRemaining()) {
                byte[] data = prefix(f.payload(), f.payload().remaining());
                try {
                    decoder.decode(data, 0, data.length, f.header().captureMicros());
                } catch (MediaException | IllegalArgumentException rejected) {
                    // nothing decoded
                }
            }
        }
    }

    private static boolean contains(ByteBuffer haystack, byte[] needle) {
        byte[] bytes = prefix(haystack, haystack.remaining());
        for (int i = 0; i + needle.length <= bytes.length; i++) {
            if (Arrays.equals(bytes, i, i + needle.length, needle, 0, needle.length)) {
                return true;
            }
        }
        return false;
    }

    private static byte[] prefix(ByteBuffer buffer, int max) {
        ByteBuffer view = buffer.duplicate();
        byte[] out = new byte[Math.min(max, view.remaining())];
        view.get(out);
        return out;
    }

    private static ByteBuffer flipLastByte(ByteBuffer payload) {
        byte[] bytes = prefix(payload, payload.remaining());
        bytes[bytes.length - 1] ^= 1;
        return ByteBuffer.wrap(bytes);
    }

    private static ByteBuffer copy(ByteBuffer buffer) {
        return ByteBuffer.wrap(prefix(buffer, buffer.remaining()));
    }

    private static String utf8(ByteBuffer payload) {
        return new String(prefix(payload, payload.remaining()), StandardCharsets.UTF_8);
    }
}
