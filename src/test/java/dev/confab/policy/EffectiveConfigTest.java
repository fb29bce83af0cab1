package dev.confab.policy;

import dev.confab.testing.UnitTest;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@UnitTest
class EffectiveConfigTest {

    private static final Path FILE = Path.of("policy.json");

    private static Policy policy(Map<PolicyKey, Object> enforced, Map<PolicyKey, Object> defaults) {
        return new Policy(FILE, Policy.Status.LOADED, enforced, defaults, List.of());
    }

    @Test
    void enforcedPolicyBeatsTheUsersOwnSettingAndLocksIt() {
        EffectiveConfig config = EffectiveConfig.merge(
                policy(Map.of(PolicyKey.SCREEN_SHARE_ALLOWED, false), Map.of()),
                Map.of(PolicyKey.SCREEN_SHARE_ALLOWED, true));

        assertThat(config.isEnabled(PolicyKey.SCREEN_SHARE_ALLOWED)).isFalse();
        assertThat(config.source(PolicyKey.SCREEN_SHARE_ALLOWED)).isEqualTo(ValueSource.ENFORCED);
        assertThat(config.isLocked(PolicyKey.SCREEN_SHARE_ALLOWED)).isTrue();
        assertThat(config.isLocked(PolicyKey.CHAT_ALLOWED)).isFalse();
    }

    @Test
    void theUsersSettingBeatsThePolicyDefaultWhichBeatsTheBuiltInDefault() {
        EffectiveConfig config = EffectiveConfig.merge(
                policy(Map.of(), Map.of(PolicyKey.DEFAULT_LANGUAGE, "zh-CN", PolicyKey.UPDATE_CHECK, true)),
                Map.of(PolicyKey.DEFAULT_LANGUAGE, "en"));

        assertThat(config.language()).isEqualTo("en");
        assertThat(config.source(PolicyKey.DEFAULT_LANGUAGE)).isEqualTo(ValueSource.USER);
        assertThat(config.isEnabled(PolicyKey.UPDATE_CHECK)).isTrue();
        assertThat(config.source(PolicyKey.UPDATE_CHECK)).isEqualTo(ValueSource.POLICY_DEFAULT);
        assertThat(config.isEnabled(PolicyKey.PUBLIC_COMPUTER_MODE)).isFalse();
        assertThat(config.source(PolicyKey.PUBLIC_COMPUTER_MODE)).isEqualTo(ValueSource.BUILT_IN);
        assertThat(config.isLocked(PolicyKey.DEFAULT_LANGUAGE)).isFalse();
    }

    @Test
    void withNoPolicyAndNoSettingsEverythingIsBuiltInAndPrivate() {
        EffectiveConfig config = EffectiveConfig.merge(Policy.absent(FILE), Map.of());

        assertThat(config.entries()).extracting(EffectiveConfig.Entry::source).containsOnly(ValueSource.BUILT_IN);
        assertThat(config.server()).isInstanceOf(ServerAddress.ThisComputer.class);
        assertThat(config.isEnabled(PolicyKey.UPDATE_CHECK)).as("no network contact unless asked").isFalse();
        assertThat(config.warnings()).isEmpty();
    }

    @Test
    void anInvalidUserValueIsIgnoredWithAWarningAndTheNextSourceApplies() {
        EffectiveConfig config = EffectiveConfig.merge(
                policy(Map.of(), Map.of(PolicyKey.SERVER_URL, ServerAddress.parse("wss://meet.example.org"))),
                Map.of(PolicyKey.SERVER_URL, "http://meet.example.org", PolicyKey.CHAT_ALLOWED, "yes"));

        assertThat(config.server().text()).isEqualTo("wss://meet.example.org");
        assertThat(config.source(PolicyKey.SERVER_URL)).isEqualTo(ValueSource.POLICY_DEFAULT);
        assertThat(config.isEnabled(PolicyKey.CHAT_ALLOWED)).isTrue();
        assertThat(config.source(PolicyKey.CHAT_ALLOWED)).isEqualTo(ValueSource.BUILT_IN);
        assertThat(config.warnings()).containsExactly(
                "user setting serverUrl: the server address must start with wss:// (got \"http://meet.example.org\"); ignored",
                "user setting chatAllowed: expected true or false, got \"yes\"; ignored");
    }

    @Test
    void policyWarningsAreCarriedIntoTheEffectiveConfig() {
        Policy withWarning = new Policy(FILE, Policy.Status.LOADED, Map.of(), Map.of(), List.of("unknown key x"));

        assertThat(EffectiveConfig.merge(withWarning, Map.of()).warnings()).containsExactly("unknown key x");
    }

    @Test
    void aJoinLinkCannotLeaveAnEnforcedServer() throws Exception {
        ServerAddress company = ServerAddress.parse("wss://meet.example.org");
        EffectiveConfig config = EffectiveConfig.merge(policy(Map.of(PolicyKey.SERVER_URL, company), Map.of()), Map.of());

        assertThat(config.serverFor(DeepLink.parse("confab://join?meeting=1234567890"))).isEqualTo(company);
        assertThat(config.serverFor(DeepLink.parse("confab://join?meeting=1234567890&server=wss://MEET.example.org")))
                .isEqualTo(company);
        assertThatThrownBy(() -> config.serverFor(
                        DeepLink.parse("confab://join?meeting=1234567890&server=wss://evil.example")))
                .isInstanceOf(DeepLink.InvalidDeepLinkException.class)
                .hasMessageContaining("only allows meetings on wss://meet.example.org");
    }

    @Test
    void aJoinLinkToThisComputerNeedsHostingToBeAllowed() throws Exception {
        DeepLink local = DeepLink.parse("confab://join?meeting=1234567890&server=this-computer");

        EffectiveConfig open = EffectiveConfig.merge(Policy.absent(FILE), Map.of());
        assertThat(open.serverFor(local)).isInstanceOf(ServerAddress.ThisComputer.class);

        EffectiveConfig closed = EffectiveConfig.merge(
                policy(Map.of(PolicyKey.ALLOW_THIS_COMPUTER_HOSTING, false), Map.of()), Map.of());
        assertThatThrownBy(() -> closed.serverFor(local))
                .hasMessageContaining("does not allow meetings hosted on this computer");
    }
}
