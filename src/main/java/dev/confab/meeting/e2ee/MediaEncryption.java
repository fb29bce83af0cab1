package dev.confab.meeting.e2ee;

import dev.confab.protocol.MediaFrame;
import dev.confab.protocol.MediaFrameHeader;

import javax.crypto.AEADBadTagException;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * End-to-end encryption of one participant's media frames (docs/security.md section 9): every outgoing codec
 * payload is sealed with SFrame under this participant's current key, and every incoming one is opened with its
 * sender's key. Confab's 18-byte relay header stays readable for the server and is authenticated as SFrame
 * metadata, exactly as the receiver gets it (sender id filled in). Nothing is ever sent or accepted in the clear.
 *
 * <p>Threads: {@link #protect} runs on the encoder threads, {@link #unprotect} on the network reader thread, key
 * changes on the session's event thread; all without blocking each other for long.
 */
public final class MediaEncryption {

    private final LongSupplier nanoClock;
    private final SecureRandom random = new SecureRandom();
    private final Map<Integer, SenderKeyRing> rings = new ConcurrentHashMap<>();
    private final AtomicLong decrypted = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong withoutKey = new AtomicLong();
    private volatile Sending sending;
    /** Per video stream (CAMERA layers 0-2, SCREEN): the key id its last keyframe went out under. */
    private final AtomicLongArray keyframeKid = new AtomicLongArray(MediaFrameHeader.MAX_LAYERS + 1);
    private long lastKid; // the session's event thread

    private record Sending(SFrame.Key key, AtomicLong counter) {
    }

    /**
     * What decryption did so far.
     *
     * @param decrypted  frames opened and passed on
     * @param failed     frames that did not authenticate under their sender's key (changed on the way, or a
     *                   sender not using its announced key), or came a second time (replayed): dropped
     * @param withoutKey frames whose key never arrived here: sent before this participant joined (by design), or
     *                   by a participant that gave it no key
     */
    public record Figures(long decrypted, long failed, long withoutKey) {
    }

    public MediaEncryption() {
        this(System::nanoTime);
    }

    MediaEncryption(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    // ---- this participant's own key ---------------------------------------------------------------------------

    /** A fresh random key with the next key id, to hand out and then {@link #use}. Event thread. */
    public MediaKeyWrap.Release newKey() {
        byte[] base = new byte[MediaKeyWrap.BASE_KEY_BYTES];
        random.nextBytes(base);
        return new MediaKeyWrap.Release(++lastKid, base);
    }

    /** Encrypts every frame from now on under {@code key}, its counter starting at 0. */
    public void use(MediaKeyWrap.Release key) {
        sending = new Sending(SFrame.derive(key.kid(), key.baseKey()), new AtomicLong());
    }

    /** The key id frames are sent under now; 0 before the first key. */
    public long sendingKid() {
        Sending current = sending;
        return current == null ? 0 : current.key().kid();
    }

    /**
     * The SFrame of {@code payload} for a frame sent with {@code wireHeader} (this participant's id as sender), or
     * null when the frame must not go out: there is no key yet, or it is a video delta that would be the first frame
     * of its stream under a new key. A newcomer has only the new key, so each video stream restarts at a keyframe
     * under it; the sender treats the refusal like any dropped picture and makes its next one a keyframe.
     */
    public ByteBuffer protect(MediaFrameHeader wireHeader, ByteBuffer payload) {
        Sending current = sending;
        if (current == null) {
            return null;
        }
        int video = videoStream(wireHeader);
        long kid = current.key().kid();
        if (video >= 0) {
            if (wireHeader.keyframe()) {
                keyframeKid.set(video, kid);
            } else if (keyframeKid.get(video) != kid) {
                return null;
            }
        }
        return ByteBuffer.wrap(SFrame.encrypt(current.key(), current.counter().getAndIncrement(), metadata(wireHeader),
                payload));
    }

    private static int videoStream(MediaFrameHeader header) {
        return switch (header.stream()) {
            case CAMERA -> header.layer();
            case SCREEN -> MediaFrameHeader.MAX_LAYERS;
            default -> -1;
        };
    }

    // ---- the others' keys -------------------------------------------------------------------------------------

    /** Installs a key {@code senderId} sent; returns false for an old or repeated one (ignored). */
    public boolean install(int senderId, MediaKeyWrap.Release key) {
        return ring(senderId).install(key.kid(), key.baseKey(), nanoClock.getAsLong());
    }

    /** Whether {@code senderId} gave this participant a key. */
    public boolean hasKeyFrom(int senderId) {
        SenderKeyRing ring = rings.get(senderId);
        return ring != null && ring.hasKey();
    }

    /** Forgets a participant who left. */
    public void forget(int senderId) {
        rings.remove(senderId);
    }

    /**
     * Opens {@code frame} and passes the plaintext frame (same header) to {@code out}, possibly with frames held
     * earlier for their key in front of it; a frame that does not authenticate is dropped and counted. Network thread.
     */
    public void unprotect(MediaFrame frame, Consumer<MediaFrame> out) {
        SenderKeyRing ring = ring(frame.header().senderId());
        long now = nanoClock.getAsLong();
        for (SenderKeyRing.Held held : ring.takeHeldIfKeyArrived()) {
            open(ring, held, now, out);
        }
        SFrameHeader header;
        try {
            header = SFrameHeader.parse(frame.payload());
        } catch (IllegalArgumentException e) {
            failed.incrementAndGet();
            return;
        }
        open(ring, new SenderKeyRing.Held(frame, header, now), now, out);
    }

    private void open(SenderKeyRing ring, SenderKeyRing.Held held, long now, Consumer<MediaFrame> out) {
        SFrame.Key key = ring.key(held.header().kid(), now);
        if (key == null) {
            if (ring.mayArrive(held.header().kid())) {
                ring.hold(held, now, expired -> withoutKey.incrementAndGet());
            } else {
                withoutKey.incrementAndGet();
            }
            return;
        }
        MediaFrame frame = held.frame();
        byte[] plain;
        try {
            plain = SFrame.decrypt(key, held.header(), metadata(frame.header()), frame.payload());
        } catch (AEADBadTagException e) {
            failed.incrementAndGet();
            return;
        }
        if (!ring.firstTime(held.header().kid(), held.header().ctr())) {
            failed.incrementAndGet(); // authentic but already played: the server sent it twice
            return;
        }
        decrypted.incrementAndGet();
        out.accept(new MediaFrame(frame.header(), ByteBuffer.wrap(plain).asReadOnlyBuffer()));
    }

    public Figures figures() {
        return new Figures(decrypted.get(), failed.get(), withoutKey.get());
    }

    private SenderKeyRing ring(int senderId) {
        return rings.computeIfAbsent(senderId, id -> new SenderKeyRing());
    }

    /** The relay header's 18 bytes as the receiver gets them: the SFrame metadata (associated data). */
    static byte[] metadata(MediaFrameHeader header) {
        ByteBuffer bytes = ByteBuffer.allocate(MediaFrameHeader.SIZE);
        header.writeTo(bytes);
        return bytes.array();
    }
}
