package dev.confab.meeting.e2ee;

import dev.confab.meeting.chat.ChatKeyPair;
import dev.confab.protocol.ClientMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Hands this participant's media keys to the others and takes theirs (docs/security.md section 9.3). On joining,
 * and whenever someone joins or leaves, this sender makes a new random key, seals it for every participant present
 * that has a public key (one {@code media_key} message; the server gives each recipient only its own sealed key)
 * and encrypts with it from then on: a newcomer never gets a key that opened earlier frames, and someone who left
 * never gets the key that opens later ones. Changes closer together than {@link #MIN_INTERVAL_NANOS} are merged
 * into one, so a crowd joining at once costs each sender a few messages a second, not one per newcomer.
 *
 * <p>Confined to the session's event thread; the scheduler runs delayed work there too.
 */
public final class MediaKeyExchange {

    private static final Logger LOG = LoggerFactory.getLogger(MediaKeyExchange.class);
    /** At most four key changes a second per sender (the server allows 20 messages a second). */
    static final long MIN_INTERVAL_NANOS = 250_000_000L;

    private final ChatKeyPair self;
    private final MediaEncryption encryption;
    private final Consumer<ClientMessage> send;
    private final BiConsumer<Long, Runnable> later;
    private final LongSupplier nanoClock;
    private MediaKeyWrap wrap;
    private Supplier<Map<Integer, String>> present;
    private int selfId;
    private long lastChangeNanos;
    private boolean changeScheduled;
    private boolean everChanged;

    /**
     * @param send  sends a message to the server (only while in the meeting)
     * @param later runs a task on the event thread after a delay in nanoseconds
     */
    public MediaKeyExchange(ChatKeyPair self, MediaEncryption encryption, Consumer<ClientMessage> send,
                            BiConsumer<Long, Runnable> later, LongSupplier nanoClock) {
        this.self = self;
        this.encryption = encryption;
        this.send = send;
        this.later = later;
        this.nanoClock = nanoClock;
    }

    /**
     * In the meeting (first join or resume): a new key for everyone in {@code presentKeys} (participant id to base64
     * public key, null without one; read again at each later change), at once.
     */
    public void joined(String meetingId, int ownId, Supplier<Map<Integer, String>> presentKeys) {
        if (wrap == null || ownId != selfId) {
            wrap = new MediaKeyWrap(meetingId, ownId, self);
        }
        selfId = ownId;
        present = presentKeys;
        changeKey();
    }

    /** Someone joined or left: a new key, now or merged with the next change. */
    public void membershipChanged() {
        if (wrap == null || changeScheduled) {
            return;
        }
        long wait = lastChangeNanos + MIN_INTERVAL_NANOS - nanoClock.getAsLong();
        if (!everChanged || wait <= 0) {
            changeKey();
            return;
        }
        changeScheduled = true;
        later.accept(wait, () -> {
            changeScheduled = false;
            changeKey();
        });
    }

    /**
     * A sealed key from {@code senderId}, whose roster public key is {@code senderKey} (null: none).
     *
     * @return whether it was a new key from that sender (false: could not be opened, or old/repeated)
     */
    public boolean received(int senderId, String senderKey, String sealed) {
        if (wrap == null || senderKey == null) {
            LOG.warn("A media key from participant {} cannot be opened: {}", senderId,
                    wrap == null ? "not in a meeting" : "it has no public key");
            return false;
        }
        try {
            return encryption.install(senderId, wrap.open(senderId, senderKey, sealed));
        } catch (GeneralSecurityException e) {
            LOG.warn("A media key from participant {} could not be opened: {}", senderId, e.getMessage());
            return false;
        }
    }

    private void changeKey() {
        MediaKeyWrap.Release key = encryption.newKey();
        List<ClientMessage.MediaKey.Sealed> sealed = new ArrayList<>();
        for (var entry : present.get().entrySet()) {
            if (entry.getKey() == selfId || entry.getValue() == null) {
                continue; // a participant without a public key is named as unencrypted, never sent a readable key
            }
            try {
                sealed.add(new ClientMessage.MediaKey.Sealed(entry.getKey(), wrap.seal(entry.getKey(), entry.getValue(), key)));
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                LOG.warn("Cannot seal a media key for participant {}: {}", entry.getKey(), e.toString());
            }
        }
        if (!sealed.isEmpty()) {
            send.accept(new ClientMessage.MediaKey(sealed)); // before the first frame under it: JSON goes first
        }
        encryption.use(key);
        lastChangeNanos = nanoClock.getAsLong();
        everChanged = true;
        LOG.debug("Media key {} in use, sealed for {} participant(s)", key.kid(), sealed.size());
    }
}
