package dev.confab.meeting.e2ee;

import dev.confab.protocol.MediaCodec;
import dev.confab.protocol.MediaFrame;
import dev.confab.protocol.MediaFrameHeader;
import dev.confab.protocol.StreamKind;
import dev.confab.testing.UnitTest;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One sender's frames through {@link MediaEncryption} to one receiver, with the server in between played by the
 * test: what it may change (nothing but the bytes it is meant to read), what it may not, and what happens around a
 * key change. Time is a test clock.
 */
@UnitTest
class MediaEncryptionTest {

    private static final int ADA = 7;
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final MediaEncryption ada = new MediaEncryption(now::get);
    private final MediaEncryption bob = new MediaEncryption(now::get);
    private final List<String> bobGot = new ArrayList<>();
    private long sequence;

    private MediaKeyWrap.Release adaChangesKey() {
        MediaKeyWrap.Release key = ada.newKey();
        ada.use(key);
        return key;
    }

    /** What the server forwards: Ada's header with her id stamped in, and her sealed payload. */
    private ByteBuffer send(String text) {
        MediaFrameHeader header = new MediaFrameHeader(StreamKind.CAMERA, true, MediaCodec.VP8.wireId(), ADA,
                sequence++, 1_700_000_000_000_000L + sequence, 1);
        ByteBuffer wire = ByteBuffer.allocate(MediaFrameHeader.SIZE + 200);
        header.writeTo(wire);
        wire.put(ada.protect(header, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8))));
        return wire.flip();
    }

    private void bobReceives(ByteBuffer wire) {
        bob.unprotect(MediaFrame.parse(wire), frame -> {
            byte[] plain = new byte[frame.payload().remaining()];
            frame.payload().duplicate().get(plain);
            bobGot.add(new String(plain, StandardCharsets.UTF_8));
        });
    }

    @Test
    void aFrameSealedForBobOpensOnlyWithAdasKeyAndCarriesNoPlaintext() {
        bob.install(ADA, adaChangesKey());
        ByteBuffer wire = send("picture one");

        assertThat(new String(wire.array(), StandardCharsets.ISO_8859_1)).doesNotContain("picture");
        bobReceives(wire);
        assertThat(bobGot).containsExactly("picture one");
        assertThat(bob.figures()).isEqualTo(new MediaEncryption.Figures(1, 0, 0));
    }

    @Test
    void everyChangedHeaderOrPayloadByteIsRejectedExceptTheSendersOwn() {
        bob.install(ADA, adaChangesKey());
        ByteBuffer original = send("a keyframe");
        for (int i = 0; i < original.limit(); i++) {
            for (int bit = 0; bit < 8; bit++) {
                ByteBuffer tampered = ByteBuffer.wrap(original.array().clone());
                tampered.put(i, (byte) (tampered.get(i) ^ (1 << bit)));
                try {
                    bobReceives(tampered);
                } catch (IllegalArgumentException unparseableHeader) {
                    continue; // a broken magic or kind: dropped before decryption, like the server does
                }
            }
        }
        assertThat(bobGot).as("no changed frame plays").isEmpty();
        // Bytes 4-5 (sender) send the frame to another sender's keys: never opened, not counted as tampering.
        assertThat(bob.figures().decrypted()).isZero();
        assertThat(bob.figures().failed() + bob.figures().withoutKey()).isPositive();

        bobReceives(original);
        assertThat(bobGot).containsExactly("a keyframe");
    }

    @Test
    void aFrameTheServerSendsTwicePlaysOnce() {
        bob.install(ADA, adaChangesKey());
        ByteBuffer wire = send("hello");
        bobReceives(wire.duplicate());
        bobReceives(wire.duplicate());
        assertThat(bobGot).containsExactly("hello");
        assertThat(bob.figures().failed()).isEqualTo(1);
    }

    @Test
    void framesUnderAKeyNotYetArrivedWaitForItAndPlayInOrder() {
        bob.install(ADA, adaChangesKey());
        bobReceives(send("old key"));
        MediaKeyWrap.Release next = adaChangesKey();
        bobReceives(send("new 1"));
        bobReceives(send("new 2"));
        assertThat(bobGot).containsExactly("old key");

        bob.install(ADA, next);
        bobReceives(send("new 3"));
        assertThat(bobGot).containsExactly("old key", "new 1", "new 2", "new 3");
        assertThat(bob.figures().withoutKey()).isZero();
    }

    @Test
    void theOldKeyStillOpensLateFramesForAWhileThenNoMore() {
        bob.install(ADA, adaChangesKey());
        ByteBuffer lateVideo = send("sent before the change");
        ByteBuffer veryLate = send("sent before the change, too");
        bob.install(ADA, adaChangesKey());
        bobReceives(send("after"));

        now.addAndGet(SenderKeyRing.KEEP_OLD_NANOS - 1);
        bobReceives(lateVideo);
        now.addAndGet(2);
        bobReceives(veryLate);

        assertThat(bobGot).containsExactly("after", "sent before the change");
        assertThat(bob.figures().withoutKey()).isEqualTo(1);
    }

    @Test
    void aReplayedOlderKeyIsIgnored() {
        MediaKeyWrap.Release first = adaChangesKey();
        MediaKeyWrap.Release second = adaChangesKey();
        assertThat(bob.install(ADA, second)).isTrue();
        assertThat(bob.install(ADA, first)).isFalse();
        assertThat(bob.install(ADA, second)).isFalse();
    }

    @Test
    void framesWhoseKeyNeverComesAreCountedNotPlayed() {
        adaChangesKey(); // Bob never gets it: e.g. sent before he joined
        bobReceives(send("before Bob"));
        now.addAndGet(SenderKeyRing.HOLD_NANOS + 1);
        MediaKeyWrap.Release later = adaChangesKey();
        bob.install(ADA, later);
        bobReceives(send("after Bob joined"));
        assertThat(bobGot).containsExactly("after Bob joined");
        assertThat(bob.figures().withoutKey()).isEqualTo(1);
    }

    @Test
    void eachVideoStreamStartsAtAKeyframeUnderEveryNewKey() {
        adaChangesKey();
        MediaFrameHeader keyframe = new MediaFrameHeader(StreamKind.CAMERA, true, MediaCodec.VP8.wireId(), ADA, 0, 0, 0);
        MediaFrameHeader delta = new MediaFrameHeader(StreamKind.CAMERA, false, MediaCodec.VP8.wireId(), ADA, 1, 0, 0);
        MediaFrameHeader otherLayerDelta = delta.withLayer(2);
        MediaFrameHeader audio = new MediaFrameHeader(StreamKind.AUDIO, true, MediaCodec.OPUS.wireId(), ADA, 0, 0);
        ByteBuffer payload = ByteBuffer.wrap(new byte[10]);

        assertThat(ada.protect(delta, payload)).as("no keyframe under this key yet").isNull();
        assertThat(ada.protect(keyframe, payload)).isNotNull();
        assertThat(ada.protect(delta, payload)).isNotNull();
        assertThat(ada.protect(otherLayerDelta, payload)).as("each layer is its own stream").isNull();

        adaChangesKey(); // someone joined: they have only the new key
        assertThat(ada.protect(delta, payload)).isNull();
        assertThat(ada.protect(audio, payload)).as("every audio frame decodes alone").isNotNull();
        assertThat(ada.protect(keyframe, payload)).isNotNull();
        assertThat(ada.protect(delta, payload)).isNotNull();
    }

    @Test
    void noFrameLeavesBeforeTheFirstKey() {
        MediaFrameHeader header = new MediaFrameHeader(StreamKind.AUDIO, true, MediaCodec.OPUS, 0, 0);
        assertThat(ada.protect(header, ByteBuffer.wrap(new byte[10]))).isNull();
    }
}
