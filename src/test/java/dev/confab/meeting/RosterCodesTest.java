package dev.confab.meeting;

import dev.confab.meeting.chat.ChatKeyPair;
import dev.confab.meeting.chat.SecurityCode;
import dev.confab.meeting.e2ee.PrivacyCode;
import dev.confab.testing.UnitTest;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@UnitTest
class RosterCodesTest {

    private static final String MEETING = "123456789";
    private final RosterCodes codes = new RosterCodes();
    private final String alice = ChatKeyPair.generate().publicKeyBase64();
    private final String bob = ChatKeyPair.generate().publicKeyBase64();
    private final String carol = ChatKeyPair.generate().publicKeyBase64();

    @Test
    void theCodesAreTheCodesAndAreComputedOnlyWhenTheKeysChange() {
        Map<Integer, String> two = new LinkedHashMap<>(Map.of(1, alice, 2, bob));
        String security = codes.security(MEETING, two);
        String privacy = codes.privacy(MEETING, List.of(alice, bob));
        String personal = codes.personal(MEETING, alice, bob);

        assertThat(security).isEqualTo(SecurityCode.of(MEETING, two));
        assertThat(privacy).isEqualTo(PrivacyCode.of(MEETING, List.of(alice, bob)));
        assertThat(personal).isEqualTo(PrivacyCode.of(MEETING, List.of(alice, bob)));
        // Someone spoke or raised a hand: same keys, nothing hashed again.
        assertThat(codes.security(MEETING, new LinkedHashMap<>(two))).isSameAs(security);
        assertThat(codes.privacy(MEETING, List.of(alice, bob))).isSameAs(privacy);
        assertThat(codes.personal(MEETING, alice, bob)).isSameAs(personal);

        Map<Integer, String> three = new LinkedHashMap<>(two);
        three.put(3, carol);
        assertThat(codes.security(MEETING, three)).isEqualTo(SecurityCode.of(MEETING, three)).isNotEqualTo(security);
        assertThat(codes.privacy(MEETING, List.of(alice, bob, carol)))
                .isEqualTo(PrivacyCode.of(MEETING, List.of(alice, bob, carol))).isNotEqualTo(privacy);
        assertThat(codes.privacy("987654321", List.of(alice, bob))).as("another meeting").isNotEqualTo(privacy);
    }
}
