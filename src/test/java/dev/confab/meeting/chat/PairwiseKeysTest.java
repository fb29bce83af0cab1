package dev.confab.meeting.chat;

import dev.confab.testing.UnitTest;
import org.junit.jupiter.api.Test;

import javax.crypto.SecretKey;

import static org.assertj.core.api.Assertions.assertThat;

@UnitTest
class PairwiseKeysTest {

    private final ChatKeyPair alice = ChatKeyPair.generate();
    private final ChatKeyPair bob = ChatKeyPair.generate();
    private final PairwiseKeys alicesKeys = new PairwiseKeys(alice, "123456789");

    private SecretKey aliceToBob(String purpose) throws Exception {
        return alicesKeys.get(bob.rawPublic(), purpose, 1, alice.rawPublic(), 2, bob.rawPublic());
    }

    @Test
    void aKeyIsDerivedOnceAndIsTheKeyBothEndsDerive() throws Exception {
        SecretKey first = aliceToBob("confab-media-v1");

        assertThat(aliceToBob("confab-media-v1")).as("from the cache").isSameAs(first);
        SecretKey bobsView = PairwiseKey.derive(bob, alice.rawPublic(), "confab-media-v1", "123456789", 1,
                alice.rawPublic(), 2, bob.rawPublic());
        assertThat(first.getEncoded()).isEqualTo(bobsView.getEncoded());
    }

    @Test
    void purposeDirectionAndThePeersKeyEachMakeADifferentKey() throws Exception {
        SecretKey media = aliceToBob("confab-media-v1");
        SecretKey chat = aliceToBob("confab-chat-v1");
        SecretKey bobToAlice = alicesKeys.get(bob.rawPublic(), "confab-media-v1", 2, bob.rawPublic(), 1,
                alice.rawPublic());
        ChatKeyPair bobRejoined = ChatKeyPair.generate();
        SecretKey toNewBob = alicesKeys.get(bobRejoined.rawPublic(), "confab-media-v1", 1, alice.rawPublic(), 2,
                bobRejoined.rawPublic());

        assertThat(java.util.stream.Stream.of(media, chat, bobToAlice, toNewBob).map(k -> java.util.HexFormat.of()
                .formatHex(k.getEncoded())).distinct()).hasSize(4);
    }

    @Test
    void theCacheIsBoundedAndStillRight() throws Exception {
        SecretKey first = aliceToBob("confab-media-v1");
        for (int peer = 3; peer < 3 + PairwiseKeys.MAX_KEYS; peer++) {
            alicesKeys.get(bob.rawPublic(), "confab-media-v1", 1, alice.rawPublic(), peer, bob.rawPublic());
        }
        SecretKey again = aliceToBob("confab-media-v1");
        assertThat(again).as("derived again once pushed out").isNotSameAs(first);
        assertThat(again.getEncoded()).isEqualTo(first.getEncoded());
    }
}
