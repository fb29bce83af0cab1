package dev.confab.ui.meeting;

import dev.confab.media.CaptureFactory;
import dev.confab.meeting.LocalServer;
import dev.confab.policy.EffectiveConfig;
import dev.confab.policy.Policy;
import dev.confab.policy.PolicyKey;
import dev.confab.privacy.PermissionGate;
import dev.confab.storage.AppPaths;
import dev.confab.testing.UnitTest;
import dev.confab.ui.common.Browser;
import dev.confab.ui.common.UiText;
import dev.confab.ui.lobby.LobbyContext;
import dev.confab.ui.lobby.LobbyForm;
import dev.confab.ui.lobby.Navigator;
import dev.confab.ui.lobby.ServerChoice;
import dev.confab.ui.settings.SettingsAccess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #16: the lobby hides "This computer" when hosting is forbidden, but the launcher refuses such a meeting
 * itself too (a saved form, a link), and starts no server.
 */
@UnitTest
class HostingPolicyLauncherTest {

    @TempDir
    Path dir;

    @Test
    void aMeetingOnThisComputerIsRefusedWithoutHostingAndStartsNoServer() {
        EffectiveConfig forbidden = EffectiveConfig.merge(new Policy(dir.resolve("policy.json"), Policy.Status.LOADED,
                Map.of(PolicyKey.ALLOW_THIS_COMPUTER_HOSTING, false), Map.of(), List.of()), Map.of());
        RecordingLobby lobby = new RecordingLobby(forbidden);
        LobbyForm form = new LobbyForm("Ada", new ServerChoice.ThisComputer(), "", "", null, false, null, false, null);
        LocalServer local = new LocalServer(dir.resolve("server"), () -> false);
        try (MeetingLauncher launcher = new MeetingLauncher(AppPaths.under(dir), local, (CaptureFactory) null)) {
            launcher.newMeeting(form, lobby);
            launcher.join(form, lobby);
        }

        assertThat(lobby.errors).containsExactly("lobby.server.hostingNotAllowed", "lobby.server.hostingNotAllowed");
        assertThat(local.running()).as("no server was started").isEmpty();
    }

    private static final class RecordingLobby implements LobbyContext {
        final List<String> errors = new ArrayList<>();
        private final EffectiveConfig policy;

        RecordingLobby(EffectiveConfig policy) {
            this.policy = policy;
        }

        @Override
        public void showInfo(String key, Object... args) {
            throw new AssertionError("nothing should start: " + key);
        }

        @Override
        public void showError(String key, Object... args) {
            errors.add(key);
        }

        @Override
        public void setBusy(boolean busy) {
            throw new AssertionError("nothing should start");
        }

        @Override
        public void setCancel(Runnable cancel) {
            throw new AssertionError("nothing should start");
        }

        @Override
        public javafx.stage.Window window() {
            return null;
        }

        @Override
        public Navigator navigator() {
            return null;
        }

        @Override
        public UiText text() {
            return null;
        }

        @Override
        public SettingsAccess settings() {
            return null;
        }

        @Override
        public Browser browser() {
            return null;
        }

        @Override
        public PermissionGate permissions() {
            return null;
        }

        @Override
        public EffectiveConfig policy() {
            return policy;
        }
    }
}
