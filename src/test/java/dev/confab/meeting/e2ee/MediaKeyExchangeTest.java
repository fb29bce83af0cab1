package dev.confab.meeting.e2ee;

import dev.confab.meeting.chat.ChatKeyPair;
import dev.confab.protocol.ClientMessage;
import dev.confab.testing.UnitTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** When a sender changes its key and who gets it; the session's thread and timers are played by the test. */
@UnitTest
class MediaKeyExchangeTest {

    private final ChatKeyPair ada = ChatKeyPair.generate();
    private final ChatKeyPair bob = ChatKeyPair.generate();
    private final ChatKeyPair carol = ChatKeyPair.generate();
    private final AtomicLong now = new AtomicLong(5_000_000_000L);
    private final MediaEncryption adaMedia = new MediaEncryption(now::get);
    private final List<ClientMessage.MediaKey> sent = new ArrayList<>();
    private final List<Runnable> timers = new ArrayList<>();
    private final Map<Integer, String> present = new LinkedHashMap<>();
    private final MediaKeyExchange exchange = new MediaKeyExchange(ada, adaMedia,
            m -> sent.add((ClientMessage.MediaKey) m), (delay, task) -> timers.add(task), now::get);

    @Test
    void aNewKeyGoesToEveryoneWithAPublicKeyAndTheNewcomerGetsOnlyTheNewOne() throws Exception {
        present.put(1, ada.publicKeyBase64());
        present.put(2, bob.publicKeyBase64());
        present.put(4, null); // a client without keys: named as unencrypted, sent nothing
        exchange.joined("4842628111", 1, () -> present);
        assertThat(sent).hasSize(1);
        assertThat(sent.getFirst().keys()).extracting(ClientMessage.MediaKey.Sealed::to).containsExactly(2);
        long first = adaMedia.sendingKid();

        now.addAndGet(MediaKeyExchange.MIN_INTERVAL_NANOS);
        present.put(3, carol.publicKeyBase64());
        exchange.membershipChanged();
        assertThat(adaMedia.sendingKid()).isGreaterThan(first);
        ClientMessage.MediaKey second = sent.get(1);
        assertThat(second.keys()).extracting(ClientMessage.MediaKey.Sealed::to).containsExactly(2, 3);
        String forCarol = second.keys().get(1).key();
        var opened = new MediaKeyWrap("4842628111", 3, carol).open(1, ada.publicKeyBase64(), forCarol);
        assertThat(opened.kid()).isEqualTo(adaMedia.sendingKid());
    }

    @Test
    void changesInQuickSuccessionAreMergedIntoOne() {
        present.put(1, ada.publicKeyBase64());
        present.put(2, bob.publicKeyBase64());
        exchange.joined("4842628111", 1, () -> present);
        long afterJoin = adaMedia.sendingKid();

        present.put(3, carol.publicKeyBase64());
        exchange.membershipChanged();
        present.remove(2);
        exchange.membershipChanged();
        assertThat(adaMedia.sendingKid()).as("not yet: the last change was just now").isEqualTo(afterJoin);
        assertThat(timers).hasSize(1);

        timers.getFirst().run();
        assertThat(adaMedia.sendingKid()).isGreaterThan(afterJoin);
        assertThat(sent.getLast().keys()).extracting(ClientMessage.MediaKey.Sealed::to).containsExactly(3);
    }
}
