package dev.confab.ui;

import dev.confab.ui.common.Screen;
import dev.confab.ui.lobby.MeetingIds;
import dev.confab.meeting.Attendee;
import dev.confab.testing.CliRun;
import dev.confab.meeting.KnownServers;
import dev.confab.storage.Settings;
import dev.confab.testing.TcpProxy;
import dev.confab.testing.UiTest;
import dev.confab.ui.meeting.MeetingScreen;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextInputControl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import static dev.confab.ui.MeetingRig.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The lobby and meeting screen against real meeting servers (built-in and self-hosted TLS) and real peers. */
@UiTest
class MeetingFlowTest {
    @TempDir
    Path dir;
    private final FxRobot robot = new FxRobot();
    private DesktopApp desktop;
    private MeetingRig rig;
    private TcpProxy proxy;

    @AfterEach
    void stop() throws Exception {
        if (desktop != null) {
            desktop.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        if (rig != null) {
            rig.close();
        }
    }

    private void open() throws Exception {
        desktop = DesktopApp.start(dir, new AppHarness(dir.resolve("app"), FakeCaptureFactory.withRealDevices())
                .agreedBefore(Settings.defaults().withLanguage("en")), Locale.ENGLISH, DesktopApp.PLAIN);
    }

    /**
     * Grace hosts a meeting (with {@code passcode}, may be null) on a server Ada already trusts; Ada's app is
     * open with the lobby filled in to join it, typing {@code typedPasscode}. Returns Grace.
     */
    private MeetingRig.Peer graceHostsAndAdaFillsTheLobby(String passcode, String typedPasscode) throws Exception {
        rig = new MeetingRig(dir.resolve("server"));
        MeetingRig.Peer host = rig.host("Grace", passcode);
        open();
        rig.pinIn(desktop.app.paths, rig.url());
        fillLobby("Ada", rig.url(), host.roster().meetingId(), typedPasscode);
        return host;
    }

    private void fillLobby(String name, URI server, String meetingId, String passcode) {
        robot.interact(() -> {
            robot.lookup("#displayName").queryTextInputControl().setText(name);
            ComboBox<?> picker = robot.lookup("#serverPicker").queryAs(ComboBox.class);
            picker.getSelectionModel().select(server == null ? 0 : 1);
            if (server != null) {
                robot.lookup("#serverAddress").queryTextInputControl().setText(server.toString());
            }
            robot.lookup("#meetingId").queryTextInputControl().setText(meetingId);
            robot.lookup("#passcode").queryTextInputControl().setText(passcode);
        });
    }

    private MeetingScreen awaitMeetingScreen() {
        return desktop.awaitMeetingScreen(WAIT);
    }

    private void awaitLobby() {
        // currentScreen() is null for a moment while one screen replaces another
        await().atMost(WAIT).until(() -> desktop.app.controller.currentScreen() instanceof Screen s && "lobby".equals(s.name()));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private String text(String query) {
        Node node = robot.lookup(query).query();
        return node instanceof Labeled l ? l.getText() : ((TextInputControl) node).getText();
    }

    @SuppressWarnings("unchecked")
    private ListView<Attendee> participantList() {
        return robot.lookup("#participantList").queryAs(ListView.class);
    }

    private boolean listed(String name) {
        return participantList().getItems().stream().anyMatch(p -> p.displayName().equals(name));
    }

    private Optional<Attendee> listedEntry(String name) {
        return participantList().getItems().stream().filter(p -> p.displayName().equals(name)).findFirst();
    }

    private boolean showing(String query) {
        return robot.lookup(query).tryQuery().map(Visibility::shown).orElse(false);
    }

    @Test
    void joinFromTheLobbyAndSeeABotComeAndGo() throws Exception {
        MeetingRig.Peer host = graceHostsAndAdaFillsTheLobby(null, "");
        robot.clickOn("#join");

        MeetingScreen screen = awaitMeetingScreen();
        assertThat(text("#meetingTitle")).isEqualTo("Meeting " + MeetingIds.group(host.roster().meetingId()));
        await().atMost(WAIT).until(() -> listed("Ada") && listed("Grace"));

        CliRun.Background bot = CliRun.inBackground("bot", "--server", rig.url().toString(), "--meeting",
                host.roster().meetingId(), "--name", "Robo", "--duration", "60s", "--trust-fingerprint",
                rig.server.fingerprint());
        await().atMost(WAIT).until(() -> listed("Robo"));
        WaitForAsyncUtils.waitForFxEvents(); // the FX thread updates the grid after the list
        assertThat(screen.grid().tiles()).extracting(t -> t.participant().displayName())
                .as("oneself first").containsExactly("Ada", "Grace", "Robo");
        CliRun robo = bot.leaveNow().result(Duration.ofSeconds(30));
        assertThat(robo.exitCode()).as("bot exit code; output: " + robo.out() + robo.err()).isZero();
        await().atMost(WAIT).until(() -> !listed("Robo"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(screen.grid().tiles()).hasSize(2);
    }

    @Test
    void newMeetingOnThisComputerShowsTheIdAndOthersCanJoin() throws Exception {
        open();
        fillLobby("Ada", null, "", "");
        robot.clickOn("#join");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(text("#meetingIdError")).as("Join needs an ID").isNotBlank();

        robot.clickOn("#newMeeting");
        MeetingScreen screen = awaitMeetingScreen();
        String meetingId = MeetingIds.digitsOf(text("#meetingTitle"));
        assertThat(meetingId).hasSize(10);
        assertThat(text("#meetingTitle")).isEqualTo("Meeting " + MeetingIds.group(meetingId));
        assertThat(showing("#invite")).isTrue();
        assertThat(showing("#hostActions")).as("the creator is the host").isTrue();
        assertThat(screen.grid().tile(screen.grid().tiles().getFirst().participantId()).orElseThrow().showsHostBadge()).isTrue();

        var server = desktop.localServer.running().orElseThrow();
        var peer = new MeetingRig.Peer();
        peer.session = new dev.confab.meeting.MeetingSession(dev.confab.meeting.SessionOptions.of(server.localUrl(), "Lin",
                dev.confab.signaling.ServerTrust.pinned(server.fingerprint())), peer);
        try {
            peer.session.join(meetingId, null);
            await().atMost(WAIT).until(() -> listed("Lin"));
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(screen.grid().tiles()).hasSize(2);
        } finally {
            peer.session.close();
        }
        await().atMost(WAIT).until(() -> !listed("Lin"));
    }

    @Test
    void joiningThisComputerBeforeAnyMeetingSaysSoAndStartsNoServer() throws Exception {
        open();
        fillLobby("Ada", null, "1234567890", "");
        robot.clickOn("#join");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(text("#lobbyStatus")).startsWith("No meeting server is running on this computer");
        assertThat(desktop.localServer.running()).isEmpty();
    }

    @Test
    void wrongPasscodeIsShownInTheLobbyWithTheFormKept() throws Exception {
        MeetingRig.Peer host = graceHostsAndAdaFillsTheLobby("right one", "wrong one");
        robot.clickOn("#join");

        await().atMost(WAIT).until(() -> text("#lobbyStatus").startsWith("The passcode is wrong"));
        assertThat(desktop.app.controller.currentScreen().name()).isEqualTo("lobby");
        assertThat(text("#displayName")).isEqualTo("Ada");
        assertThat(text("#serverAddress")).isEqualTo(rig.url().toString());
        assertThat(MeetingIds.digitsOf(text("#meetingId"))).isEqualTo(host.roster().meetingId());
        assertThat(text("#passcode")).isEqualTo("wrong one");
        assertThat(robot.lookup("#join").query().isDisabled()).as("buttons usable again").isFalse();
    }

    @Test
    void unreachableServerIsExplainedInChinese() throws Exception {
        desktop = DesktopApp.start(dir, new AppHarness(dir.resolve("app"), FakeCaptureFactory.withRealDevices())
                .agreedBefore(Settings.defaults().withLanguage("zh-CN")), Locale.SIMPLIFIED_CHINESE, DesktopApp.PLAIN);
        int closedPort;
        try (var probe = new java.net.ServerSocket(0)) {
            closedPort = probe.getLocalPort();
        }
        fillLobby("Ada", URI.create("wss://127.0.0.1:" + closedPort), "1234567890", "");
        robot.clickOn("#join");
        await().atMost(WAIT).until(() -> text("#lobbyStatus").equals("无法连接到服务器。请检查地址和网络连接。"));
    }

    @Test
    void hostMenuOnlyForTheHostAndAskToMuteReachesTheOtherParticipant() throws Exception {
        open();
        fillLobby("Ada", null, "", "");
        robot.clickOn("#newMeeting");
        MeetingScreen screen = awaitMeetingScreen();
        var server = desktop.localServer.running().orElseThrow();
        var guest = new MeetingRig.Peer();
        guest.session = new dev.confab.meeting.MeetingSession(dev.confab.meeting.SessionOptions.of(server.localUrl(), "Lin",
                dev.confab.signaling.ServerTrust.pinned(server.fingerprint())), guest);
        try {
            guest.session.join(MeetingIds.digitsOf(text("#meetingTitle")), null);
            await().atMost(WAIT).until(() -> listed("Lin"));
            // Lin's media key arrives just after Lin (a roster change of its own): then the header says so.
            await().atMost(WAIT).until(() -> "End-to-end encrypted".equals(text("#encryptionBadge")));
            int guestId = guest.roster().selfId();
            int selfId = guest.roster().hostId();
            // The list re-renders its cells on the next pulse.
            await().atMost(WAIT).until(() -> robot.lookup("#hostMenu-" + guestId).tryQuery().isPresent());
            assertThat(robot.lookup("#hostMenu-" + selfId).tryQuery()).as("no host menu on oneself").isEmpty();

            robot.clickOn("#hostMenu-" + guestId);
            robot.clickOn("#askToMute-" + guestId);
            await().atMost(WAIT).until(() -> guest.muteRequestsFrom.size() == 1);
            assertThat(guest.muteRequestsFrom.getFirst().displayName()).isEqualTo("Ada");
            await().atMost(WAIT).until(() -> listedEntry("Lin").map(Attendee::muted).orElse(false));
            await().atMost(WAIT).until(() -> screen.grid().tile(guestId).orElseThrow().showsMuted());
            assertThat(showing("#mic-" + guestId)).isTrue();
        } finally {
            guest.session.close();
        }
    }

    @Test
    void aGuestHasNoHostMenuAndIsMutedWhenTheHostAsks() throws Exception {
        MeetingRig.Peer host = graceHostsAndAdaFillsTheLobby(null, "");
        robot.clickOn("#join");
        MeetingScreen screen = awaitMeetingScreen();
        await().atMost(WAIT).until(() -> host.roster().participants().size() == 2);
        int hostId = host.roster().selfId();
        int adaId = host.roster().participants().stream().filter(p -> p.id() != hostId).findFirst().orElseThrow().id();
        assertThat(robot.lookup("#hostMenu-" + hostId).tryQuery()).isEmpty();
        assertThat(showing("#hostActions")).isFalse();
        assertThat(screen.mutedProperty().get()).isFalse();

        host.session.askToMute(adaId);
        await().atMost(WAIT).until(() -> showing("#askedToMute"));
        assertThat(text("#askedToMute")).contains("Grace").contains("muted");
        assertThat(screen.mutedProperty().get()).isTrue();
        assertThat(text("#muteButton")).isEqualTo("Unmute");
        await().atMost(WAIT).until(() -> host.roster().find(adaId).orElseThrow().muted());

        robot.clickOn("#muteButton");
        await().atMost(WAIT).until(() -> !host.roster().find(adaId).orElseThrow().muted());
    }

    @Test
    void reconnectBannerWhileTheConnectionIsDownAndGoneAfterResume() throws Exception {
        rig = new MeetingRig(dir.resolve("server"));
        MeetingRig.Peer host = rig.host("Grace", null);
        proxy = new TcpProxy(rig.server.port());
        URI viaProxy = proxy.url("wss");
        open();
        rig.pinIn(desktop.app.paths, viaProxy);
        fillLobby("Ada", viaProxy, host.roster().meetingId(), "");
        robot.clickOn("#join");
        awaitMeetingScreen();
        assertThat(showing("#reconnecting")).isFalse();

        proxy.refuseNewConnections(true);
        proxy.dropAll();
        await().atMost(WAIT).until(() -> showing("#reconnecting"));
        assertThat(text("#reconnecting")).startsWith("Connection lost. Reconnecting…").contains("attempt");
        proxy.refuseNewConnections(false);
        await().atMost(WAIT).until(() -> !showing("#reconnecting"));
        assertThat(desktop.app.controller.currentScreen().name()).isEqualTo("meeting");
        assertThat(listed("Grace")).isTrue();
    }

    @Test
    void unknownCertificateShowsTheFingerprintAndTrustJoins() throws Exception {
        rig = new MeetingRig(dir.resolve("server"));
        MeetingRig.Peer host = rig.host("Grace", null);
        open();
        fillLobby("Ada", rig.url(), host.roster().meetingId(), "");
        robot.clickOn("#join");

        await().atMost(WAIT).until(() -> robot.lookup("#certificatePrompt").tryQuery().isPresent());
        TextArea shown = robot.lookup("#fingerprint").queryAs(TextArea.class);
        assertThat(shown.getText().replaceAll("[\\s:]", ""))
                .isEqualTo(rig.server.fingerprint().replace(":", ""));
        assertThat(text("#lobbyStatus")).contains("not trusted");
        assertThat(KnownServers.load(desktop.app.paths.knownServersFile()).fingerprintFor(rig.url())).as("nothing pinned yet").isEmpty();

        await().atMost(WAIT).until(() -> robot.lookup("#trustCertificate").match(org.testfx.util.NodeQueryUtils.isVisible())
                .tryQuery().isPresent());
        robot.clickOn("#trustCertificate");
        awaitMeetingScreen();
        await().atMost(WAIT).until(() -> listed("Grace"));
        assertThat(KnownServers.load(desktop.app.paths.knownServersFile()).fingerprintFor(rig.url())).contains(rig.server.fingerprint());
    }

    @Test
    void endedByTheHostReturnsToTheLobbyWithTheReason() throws Exception {
        MeetingRig.Peer host = graceHostsAndAdaFillsTheLobby("pass", "pass");
        robot.clickOn("#join");
        awaitMeetingScreen();

        host.session.endForAll();
        awaitLobby();
        assertThat(text("#lobbyStatus")).isEqualTo("The host ended the meeting.");
        assertThat(text("#displayName")).isEqualTo("Ada");
        assertThat(MeetingIds.digitsOf(text("#meetingId"))).isEqualTo(host.roster().meetingId());
        assertThat(text("#passcode")).isEqualTo("pass");
        assertThat(text("#serverAddress")).isEqualTo(rig.url().toString());
    }

    @Test
    void leavingReturnsToTheLobby() throws Exception {
        MeetingRig.Peer host = graceHostsAndAdaFillsTheLobby(null, "");
        robot.clickOn("#join");
        awaitMeetingScreen();
        assertThat(robot.lookup("#settingsButton").query().isDisabled()).as("no way out but Leave").isTrue();
        robot.clickOn("#leaveButton");
        awaitLobby();
        assertThat(text("#lobbyStatus")).isEqualTo("You left the meeting.");
        await().atMost(WAIT).until(() -> host.roster().participants().size() == 1);
    }

    @Test
    void connectingCanBeCancelled() throws Exception {
        // A server that accepts the connection and never answers keeps the lobby in "connecting".
        try (var silent = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            open();
            fillLobby("Ada", URI.create("wss://127.0.0.1:" + silent.getLocalPort()), "1234567890", "");
            robot.clickOn("#join");
            await().atMost(WAIT).until(() -> showing("#cancelConnecting"));
            assertThat(text("#lobbyStatus")).isEqualTo("Connecting to the meeting…");
            assertThat(robot.lookup("#join").query().isDisabled()).isTrue();

            robot.clickOn("#cancelConnecting");
            await().atMost(WAIT).until(() -> !robot.lookup("#join").query().isDisabled());
            assertThat(text("#lobbyStatus")).isEqualTo("Connecting was cancelled.");
            assertThat(showing("#cancelConnecting")).isFalse();
            assertThat(desktop.app.controller.currentScreen().name()).isEqualTo("lobby");
        }
    }

    @Test
    void aChangedCertificateIsAWarningWithoutAnAcceptButton() throws Exception {
        rig = new MeetingRig(dir.resolve("server"));
        MeetingRig.Peer host = rig.host("Grace", null);
        open();
        KnownServers.load(desktop.app.paths.knownServersFile()).trust(rig.url(), "00".repeat(32));
        fillLobby("Ada", rig.url(), host.roster().meetingId(), "");
        robot.clickOn("#join");

        await().atMost(WAIT).until(() -> robot.lookup("#certificateChanged").tryQuery().isPresent());
        assertThat(text("#lobbyStatus")).contains("has changed");
        javafx.scene.control.DialogPane pane = robot.lookup("#certificateChanged").queryAs(javafx.scene.control.DialogPane.class);
        assertThat(pane.getButtonTypes()).hasSize(1).allMatch(b -> b.getButtonData().isCancelButton());
        assertThat(robot.lookup("#fingerprint").queryAs(TextArea.class).getText().replaceAll("[\\s:]", ""))
                .isEqualTo(rig.server.fingerprint().replace(":", ""));
        assertThat(KnownServers.load(desktop.app.paths.knownServersFile()).fingerprintFor(rig.url()))
                .as("the old pin stays").contains(String.join(":", java.util.Collections.nCopies(32, "00")));
        robot.interact(() -> ((javafx.stage.Stage) pane.getScene().getWindow()).close());
    }
}
