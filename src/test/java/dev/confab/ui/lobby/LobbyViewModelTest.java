package dev.confab.ui.lobby;

import dev.confab.policy.DeepLink;
import dev.confab.policy.EffectiveConfig;
import dev.confab.policy.Policy;
import dev.confab.policy.PolicyKey;
import dev.confab.policy.ServerAddress;
import dev.confab.policy.UserSettingsValues;
import dev.confab.storage.Settings;
import dev.confab.testing.UnitTest;
import dev.confab.ui.common.UiMessage;
import dev.confab.ui.lobby.LobbyViewModel.Field;
import dev.confab.ui.lobby.LobbyViewModel.ServerOption;
import dev.confab.ui.lobby.LobbyViewModel.Submission;
import dev.confab.ui.settings.SettingsAccess;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/** The lobby's rules without a window: plain JavaFX properties, no toolkit. */
@UnitTest
class LobbyViewModelTest {
    private static final URI ENFORCED = URI.create("wss://meet.example.org");

    /** Settings in memory, counting the writes the lobby asks for. */
    private static final class MemorySettings implements SettingsAccess {
        Settings settings;
        int updates;

        MemorySettings(Settings initial) {
            this.settings = initial;
        }

        @Override
        public Settings current() {
            return settings;
        }

        @Override
        public void update(UnaryOperator<Settings> change) {
            settings = change.apply(settings);
            updates++;
        }
    }

    private final MemorySettings settings = new MemorySettings(Settings.defaults().withIdentity("Ada", "this-computer"));

    private LobbyViewModel model(Map<PolicyKey, Object> enforced) {
        Policy policy = new Policy(Path.of("policy.json"), Policy.Status.LOADED, enforced, Map.of(), List.of());
        return new LobbyViewModel(settings,
                EffectiveConfig.merge(policy, UserSettingsValues.from(settings.current(), Optional.empty())));
    }

    private LobbyViewModel model() {
        return model(Map.of());
    }

    private static String key(UiMessage message) {
        return message == null ? null : message.key();
    }

    @Test
    void startsWithTheUsersNameAndServer() {
        settings.settings = Settings.defaults().withIdentity("Grace", "wss://conf.example.net");
        LobbyViewModel lobby = model();

        assertThat(lobby.displayName().get()).isEqualTo("Grace");
        assertThat(lobby.serverOption().get()).isEqualTo(ServerOption.OTHER);
        assertThat(lobby.serverAddress().get()).isEqualTo("wss://conf.example.net");
        assertThat(lobby.serverAddressShown().get()).isTrue();
        assertThat(lobby.serverOptions()).containsExactly(ServerOption.THIS_COMPUTER, ServerOption.OTHER);
        assertThat(lobby.status().get()).isNull();
    }

    @Test
    void joinShowsEveryFieldsErrorAndPointsAtTheFirst() {
        LobbyViewModel lobby = model();
        lobby.displayName().set("  ");
        lobby.serverOption().set(ServerOption.OTHER);
        lobby.serverAddress().set("http://example.org");
        lobby.meetingId().set("123");
        lobby.passcode().set("a\u0000b");

        Submission result = lobby.submit(true);

        assertThat(result).isEqualTo(new Submission.Invalid(Field.NAME));
        assertThat(key(lobby.displayName().errorProperty().get())).isEqualTo("lobby.error.nameRequired");
        assertThat(key(lobby.serverAddress().errorProperty().get())).isEqualTo("lobby.error.serverScheme");
        assertThat(lobby.meetingId().errorProperty().get()).isEqualTo(UiMessage.of("lobby.error.meetingIdLength", 10));
        assertThat(key(lobby.passcode().errorProperty().get())).isEqualTo("lobby.error.passcodeInvalid");
        assertThat(settings.updates).as("nothing remembered from an invalid form").isZero();
    }

    @Test
    void anErrorClearsAsSoonAsTheFieldIsFixedButNotBeforeItWasShown() {
        LobbyViewModel lobby = model();
        lobby.meetingId().set("12");
        assertThat(lobby.meetingId().errorProperty().get()).as("not while typing").isNull();

        assertThat(lobby.submit(true)).isEqualTo(new Submission.Invalid(Field.MEETING_ID));
        assertThat(lobby.meetingId().errorProperty().get()).isNotNull();

        lobby.meetingId().set("123 456 7890");
        assertThat(lobby.meetingId().errorProperty().get()).isNull();
    }

    @Test
    void newMeetingNeedsNoMeetingIdAndClearsItsError() {
        LobbyViewModel lobby = model();
        lobby.submit(true);
        assertThat(lobby.meetingId().errorProperty().get()).isNotNull();

        Submission result = lobby.submit(false);

        assertThat(lobby.meetingId().errorProperty().get()).isNull();
        assertThat(result).isEqualTo(new Submission.Ready("Ada", new ServerChoice.ThisComputer(), "", ""));
    }

    @Test
    void thisComputerHasNoAddressToCheck() {
        LobbyViewModel lobby = model();
        lobby.serverOption().set(ServerOption.OTHER);
        lobby.submit(false);
        assertThat(key(lobby.serverAddress().errorProperty().get())).isEqualTo("lobby.error.serverRequired");

        lobby.serverOption().set(ServerOption.THIS_COMPUTER);

        assertThat(lobby.serverAddress().errorProperty().get()).as("switching the server clears it").isNull();
        assertThat(lobby.serverAddressShown().get()).isFalse();
    }

    @Test
    void aValidJoinIsNormalizedAndRemembersNameAndServer() {
        LobbyViewModel lobby = model();
        lobby.displayName().set("  Lin  ");
        lobby.serverOption().set(ServerOption.OTHER);
        lobby.serverAddress().set(" WSS://meet.example.org:8443 ");
        lobby.meetingId().set("123 456 7890");
        lobby.passcode().set("secret");

        Submission result = lobby.submit(true);

        assertThat(result).isEqualTo(new Submission.Ready("Lin",
                new ServerChoice.Remote(URI.create("wss://meet.example.org:8443")), "1234567890", "secret"));
        assertThat(settings.current().displayName()).isEqualTo("Lin");
        assertThat(settings.current().server()).isEqualTo("WSS://meet.example.org:8443");
    }

    @Test
    void busyDisablesTheActionsAndOffersCancelOnlyWhenThereIsOne() {
        LobbyViewModel lobby = model();
        AtomicInteger cancelled = new AtomicInteger();

        lobby.setBusy(true);
        assertThat(lobby.actionsDisabled().get()).isTrue();
        assertThat(lobby.cancelShown().get()).isFalse();

        lobby.setCancel(cancelled::incrementAndGet);
        assertThat(lobby.cancelShown().get()).isTrue();
        lobby.cancel();
        lobby.cancel();
        assertThat(cancelled).as("runs once").hasValue(1);

        lobby.setCancel(cancelled::incrementAndGet);
        lobby.setBusy(false);
        assertThat(lobby.actionsDisabled().get()).isFalse();
        assertThat(lobby.cancelShown().get()).isFalse();
        lobby.cancel();
        assertThat(cancelled).as("not busy any more: nothing to cancel").hasValue(1);
    }

    @Test
    void infoAndErrorLinesReplaceEachOtherAndASubmitClearsThem() {
        LobbyViewModel lobby = model();
        lobby.showError(UiMessage.of("meeting.localFailed", "port in use"));
        assertThat(lobby.statusIsError().get()).isTrue();
        lobby.showInfo(UiMessage.of("meeting.connecting"));
        assertThat(lobby.statusIsError().get()).isFalse();
        assertThat(key(lobby.status().get())).isEqualTo("meeting.connecting");

        lobby.submit(false);

        assertThat(lobby.status().get()).isNull();
    }

    @Test
    void anEnforcedServerIsAlwaysUsedAndNotStoredAsTheUsersChoice() {
        LobbyViewModel lobby = model(Map.of(PolicyKey.SERVER_URL, new ServerAddress.Remote(ENFORCED)));

        assertThat(lobby.serverLocked()).isTrue();
        assertThat(lobby.configuredServer()).isEqualTo(new ServerAddress.Remote(ENFORCED));
        assertThat(lobby.serverOption().get()).isEqualTo(ServerOption.OTHER);
        assertThat(lobby.serverAddress().get()).isEqualTo(ENFORCED.toString());

        Submission result = lobby.submit(false);

        assertThat(result).isEqualTo(new Submission.Ready("Ada", new ServerChoice.Remote(ENFORCED), "", ""));
        assertThat(settings.current().server()).isEqualTo("this-computer");
    }

    @Test
    void anEnforcedServerSurvivesALinkAndTheReturnFromAMeeting() throws Exception {
        LobbyViewModel lobby = model(Map.of(PolicyKey.SERVER_URL, new ServerAddress.Remote(ENFORCED)));

        lobby.offerLink(DeepLink.parse("confab://join?server=wss%3A%2F%2Fother.example.com&meeting=1234567890"),
                new ServerAddress.Remote(URI.create("wss://other.example.com")));
        assertThat(lobby.serverAddress().get()).isEqualTo(ENFORCED.toString());

        lobby.restore(new LobbyForm("Ada", new ServerChoice.ThisComputer(), "1234567890", "", null, false, null,
                false, null), null, false);
        assertThat(lobby.serverOption().get()).isEqualTo(ServerOption.OTHER);
        assertThat(lobby.serverAddress().get()).isEqualTo(ENFORCED.toString());
    }

    @Test
    void withoutHostingThisComputerIsNeitherOfferedNorAccepted() {
        LobbyViewModel lobby = model(Map.of(PolicyKey.ALLOW_THIS_COMPUTER_HOSTING, false));

        assertThat(lobby.serverOptions()).containsExactly(ServerOption.OTHER);
        assertThat(lobby.serverOption().get()).isEqualTo(ServerOption.OTHER);
        assertThat(lobby.hostingAllowed()).isFalse();
        assertThat(lobby.showsHostingHint()).isTrue();

        lobby.serverOption().set(ServerOption.THIS_COMPUTER); // e.g. restored from before the policy
        assertThat(lobby.submit(false)).isEqualTo(new Submission.Refused());
        assertThat(key(lobby.status().get())).isEqualTo("lobby.server.hostingNotAllowed");
        assertThat(lobby.statusIsError().get()).isTrue();
    }

    @Test
    void afterAMeetingTheFormIsBackWithTheReasonItEnded() {
        LobbyViewModel lobby = model();
        LobbyForm previous = new LobbyForm("Grace", new ServerChoice.Remote(URI.create("wss://conf.example.net")),
                "1234567890", "pass", null, true, null, true, null);

        lobby.restore(previous, UiMessage.of("meeting.ended.ended_by_host"), true);

        assertThat(lobby.displayName().get()).isEqualTo("Grace");
        assertThat(lobby.serverOption().get()).isEqualTo(ServerOption.OTHER);
        assertThat(lobby.serverAddress().get()).isEqualTo("wss://conf.example.net");
        assertThat(lobby.meetingId().get()).isEqualTo("1234567890");
        assertThat(lobby.passcode().get()).isEqualTo("pass");
        assertThat(key(lobby.status().get())).isEqualTo("meeting.ended.ended_by_host");
        assertThat(lobby.statusIsError().get()).isTrue();
    }

    @Test
    void aLinkFillsTheFormAndARefusedOneSaysWhy() throws Exception {
        LobbyViewModel lobby = model();
        lobby.offerLink(new DeepLink(Optional.empty(), "9876543210", Optional.of("pw")), new ServerAddress.ThisComputer());

        assertThat(lobby.meetingId().get()).isEqualTo("9876543210");
        assertThat(lobby.passcode().get()).isEqualTo("pw");
        assertThat(lobby.serverOption().get()).isEqualTo(ServerOption.THIS_COMPUTER);
        assertThat(key(lobby.status().get())).isEqualTo("lobby.link.filled");
        assertThat(lobby.statusIsError().get()).isFalse();

        lobby.refuseLink(new DeepLink.InvalidDeepLinkException("empty"));

        assertThat(lobby.status().get()).isEqualTo(UiMessage.of("lobby.link.refused", UiMessage.of("link.error.empty")));
        assertThat(lobby.statusIsError().get()).isTrue();
    }

    @Test
    void theDemoUsesTheTypedNameOrADefault() {
        LobbyViewModel lobby = model();
        lobby.displayName().set("   ");
        assertThat(lobby.demoName("Demo user")).isEqualTo("Demo user");
        lobby.displayName().set(" Ada ");
        assertThat(lobby.demoName("Demo user")).isEqualTo("Ada");
    }
}
