package dev.confab.ui;

import dev.confab.ui.common.Screen;
import dev.confab.ui.lobby.LobbyViewModel;
import dev.confab.ui.lobby.ServerChoice;

import dev.confab.app.SingleInstance;
import dev.confab.privacy.PrivacySettingsStore;
import dev.confab.storage.Settings;
import dev.confab.testing.UiTest;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Labeled;
import javafx.scene.control.TextInputControl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The administrator's policy and meeting links as the user meets them in the lobby, settings and privacy center. */
@UiTest
class PolicyWiringTest {
    @TempDir
    Path dir;
    private final FxRobot robot = new FxRobot();
    private AppHarness app;

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            app.stop();
        }
    }

    private AppHarness harness(String policyJson, Settings settings) throws Exception {
        Path policy = dir.resolve("policy.json");
        Files.writeString(policy, policyJson);
        app = new AppHarness(dir.resolve("home")).withPolicy(policy).agreedBefore(settings);
        return app;
    }

    private void start(String policyJson, Settings settings) throws Exception {
        harness(policyJson, settings).start(Locale.ENGLISH);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /**
     * A first start as far as privacy choices go: no privacy.json yet (the harness pre-grants camera and
     * microphone there), so camera and microphone stay off and nothing asks for them.
     */
    private void startWithoutPrivacyChoices(String policyJson) throws Exception {
        harness(policyJson, ada().withCamera(null, false).withMicrophone(null, false));
        Files.deleteIfExists(PrivacySettingsStore.file(app.paths));
        app.start(Locale.ENGLISH);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static Settings ada() {
        return Settings.defaults().withLanguage("en").withIdentity("Ada", null);
    }

    private <T extends Node> T node(String id) {
        return robot.lookup(id).query();
    }

    private boolean showing(String id) {
        return robot.lookup(id).tryQuery().map(Visibility::shown).orElse(false);
    }

    private String text(String id) {
        Node node = node(id);
        return node instanceof Labeled l ? l.getText() : ((TextInputControl) node).getText();
    }

    private String notices() {
        return robot.lookup("#notices .label").queryAll().stream().map(n -> ((Labeled) n).getText())
                .reduce("", (a, b) -> a + "\n" + b);
    }

    @Test
    void anEnforcedServerIsShownLockedAndUsedEvenOverTheUsersOwn() throws Exception {
        start("""
                { "enforced": { "serverUrl": "wss://meet.example.org" } }
                """, ada().withIdentity("Ada", "wss://elsewhere.example.net"));

        assertThat(showing("#serverPicker")).as("nothing to choose").isFalse();
        assertThat(node("#lockedServer").isDisabled()).isTrue();
        assertThat(text("#lockedServer")).isEqualTo("wss://meet.example.org");
        assertThat(showing("#serverLock")).isTrue();
        assertThat(text("#serverLockedHint")).isEqualTo("Set by your administrator");
        assertThat(((Control) node("#serverLock")).getTooltip().getText()).isEqualTo("Set by your administrator");

        robot.clickOn("#meetingId").write("1234567890");
        robot.clickOn("#join");
        await().atMost(Duration.ofSeconds(10)).until(() -> !app.meetings.calls.isEmpty());
        assertThat(app.meetings.calls.getFirst().form().server())
                .isEqualTo(new ServerChoice.Remote(URI.create("wss://meet.example.org")));
        // The enforced server is not stored as the user's choice: theirs comes back when the policy goes.
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(Files.readString(app.paths.settingsFile()))
                .contains("wss://elsewhere.example.net"));
    }

    @Test
    void aPresetServerIsFilledInWhenTheUserHasNoneAndStaysEditable() throws Exception {
        start("""
                { "defaults": { "serverUrl": "wss://meet.example.org:8443" } }
                """, ada());

        assertThat(node("#serverPicker").isDisabled()).isFalse();
        assertThat(text("#serverAddress")).isEqualTo("wss://meet.example.org:8443");
        assertThat(robot.lookup("#serverLock").tryQuery()).isEmpty();
    }

    @Test
    void withoutHostingOnThisComputerThatChoiceIsGoneAndExplained() throws Exception {
        start("""
                { "enforced": { "allowThisComputerHosting": false } }
                """, ada().withIdentity("Ada", "this-computer"));

        ComboBox<LobbyViewModel.ServerOption> picker = node("#serverPicker");
        assertThat(picker.getItems()).containsExactly(LobbyViewModel.ServerOption.OTHER);
        assertThat(picker.getValue()).isEqualTo(LobbyViewModel.ServerOption.OTHER);
        assertThat(showing("#hostingNotAllowed")).isTrue();
        assertThat(text("#hostingNotAllowed")).contains("does not allow meetings hosted on this computer");
        assertThat(showing("#tryDemo")).as("the demo runs on loopback only, so it is still offered").isTrue();

        robot.clickOn("#newMeeting");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(app.meetings.calls).as("no server address: nothing starts, least of all a local server").isEmpty();
        assertThat(text("#serverAddressError")).isNotBlank();
    }

    @Test
    void anEnforcedLanguageWinsAndLocksEveryLanguagePicker() throws Exception {
        start("""
                { "enforced": { "defaultLanguage": "zh-CN" } }
                """, ada());

        assertThat(text("#join")).isEqualTo("加入");
        assertThat(node("#language").isDisabled()).isTrue();
        assertThat(showing("#languageLock")).isTrue();
        assertThat(((Control) node("#languageLock")).getTooltip().getText()).isEqualTo("由管理员设置");
        robot.clickOn("#settingsButton");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(node("#settingsLanguage").isDisabled()).isTrue();
        assertThat(showing("#settingsLanguageLock")).isTrue();
    }

    @Test
    void aPresetLanguageIsWhereANewUserStarts() throws Exception {
        Path policy = dir.resolve("policy.json");
        Files.writeString(policy, """
                { "defaults": { "defaultLanguage": "zh-CN" } }
                """);
        app = new AppHarness(dir.resolve("home")).withPolicy(policy);
        app.start(Locale.ENGLISH);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(node("#consentLanguage").isDisabled()).isFalse();
        assertThat(((ComboBox<?>) node("#consentLanguage")).getValue()).isEqualTo(Locale.forLanguageTag("zh-CN"));
    }

    @Test
    void policyProblemsAreNoticedOnceAndTheAppStillStarts() throws Exception {
        start("""
                { "enforced": { "chatAllowed": "sometimes", "serverURL": "wss://x.example" } }
                """, ada());

        assertThat(showing("#lobby")).isTrue();
        assertThat(notices()).contains("policy file has problems")
                .contains("enforced.chatAllowed: expected true or false")
                .contains("did you mean \"serverUrl\"");
        robot.clickOn("#settingsButton").clickOn("#back");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(notices().split("policy file has problems", -1)).as("shown once").hasSize(2);
        assertThat(app.services(Locale.ENGLISH).policy().isEnabled(dev.confab.policy.PolicyKey.CHAT_ALLOWED)).isTrue();
    }

    @Test
    void aMeetingLinkFillsTheLobbyAndAsksNotNowLeavesItFilledWithoutConnecting() throws Exception {
        harness("{}", ada());
        app.links.offerText("confab://join?server=wss%3A%2F%2Fmeet.example.org&meeting=123+456+7890&passcode=abc123");
        app.start(Locale.ENGLISH);
        await().atMost(Duration.ofSeconds(10)).until(() -> showing("#joinLinkPrompt"));

        assertThat(text("#serverAddress")).isEqualTo("wss://meet.example.org");
        assertThat(text("#meetingId")).isEqualTo("123 456 7890");
        assertThat(text("#passcode")).isEqualTo("abc123");
        assertThat(robot.lookup("#joinLinkPrompt .content").queryLabeled().getText())
                .isEqualTo("Join meeting 123 456 7890 on wss://meet.example.org?");

        await().atMost(Duration.ofSeconds(10)).until(() -> showing("#joinLinkNotNow")); // the dialog's window may show a frame before its buttons

        robot.clickOn("#joinLinkNotNow");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(showing("#joinLinkPrompt")).isFalse();
        assertThat(app.meetings.calls).isEmpty();
        assertThat(text("#meetingId")).isEqualTo("123 456 7890");
        assertThat(text("#serverAddress")).isEqualTo("wss://meet.example.org");
    }

    @Test
    void joiningFromTheLinkQuestionJoinsWhatTheLinkSaid() throws Exception {
        start("{}", ada());
        app.links.offerText("confab://join?server=wss%3A%2F%2Fmeet.example.org&meeting=1234567890");
        await().atMost(Duration.ofSeconds(10)).until(() -> showing("#joinLinkPrompt"));

        await().atMost(Duration.ofSeconds(10)).until(() -> showing("#joinLinkYes")); // the dialog's window may show a frame before its buttons

        robot.clickOn("#joinLinkYes");
        await().atMost(Duration.ofSeconds(10)).until(() -> !app.meetings.calls.isEmpty());
        RecordingLobbyActions.Call call = app.meetings.calls.getFirst();
        assertThat(call.action()).isEqualTo("join");
        assertThat(call.form().meetingId()).isEqualTo("1234567890");
        assertThat(call.form().server()).isEqualTo(new ServerChoice.Remote(URI.create("wss://meet.example.org")));
    }

    @Test
    void aBadLinkIsExplainedInTheLobby() throws Exception {
        harness("{}", ada());
        app.links.offerText("confab://join?meeting=1234567890&server=ws%3A%2F%2Fplain.example");
        app.start(Locale.ENGLISH);

        await().atMost(Duration.ofSeconds(10)).until(() -> showing("#lobbyStatus"));
        assertThat(text("#lobbyStatus")).startsWith("This meeting link cannot be used:").contains("wss://");
        assertThat(robot.lookup("#joinLinkPrompt").tryQuery()).isEmpty();
    }

    @Test
    void aBadLinkIsExplainedInTheUsersLanguageAndFollowsALanguageSwitch() throws Exception {
        harness("{}", ada().withLanguage("zh-CN"));
        app.links.offerText("confab://join?meeting=12345");
        app.start(Locale.ENGLISH);

        await().atMost(Duration.ofSeconds(10)).until(() -> showing("#lobbyStatus"));
        assertThat(text("#lobbyStatus")).contains("会议号必须是 10 位数字").contains("12345")
                .doesNotContain("meeting ID");

        robot.clickOn("#language").clickOn("English");
        assertThat(text("#lobbyStatus")).isEqualTo(
                "This meeting link cannot be used: The meeting ID must be 10 digits, got \"12345\".");
    }

    @Test
    void aLinkCannotLeadAroundAnEnforcedServer() throws Exception {
        start("""
                { "enforced": { "serverUrl": "wss://meet.example.org" } }
                """, ada());
        app.links.offerText("confab://join?server=wss%3A%2F%2Fevil.example&meeting=1234567890");

        await().atMost(Duration.ofSeconds(10)).until(() -> showing("#lobbyStatus"));
        assertThat(text("#lobbyStatus")).contains("only allows meetings on wss://meet.example.org");
        assertThat(text("#lockedServer")).isEqualTo("wss://meet.example.org");
        assertThat(text("#meetingId")).isEmpty();
    }

    @Test
    void aSecondLaunchWithALinkHandsItToTheRunningAppAndEnds() throws Exception {
        start("{}", ada());
        dev.confab.storage.AppPaths instancePaths = dev.confab.storage.AppPaths.under(dir.resolve("instance"));
        try (var running = SingleInstance.claimOrForward(instancePaths, "", app.links::offerText).orElseThrow()) {
            var second = SingleInstance.claimOrForward(instancePaths,
                    "confab://join?server=wss%3A%2F%2Fmeet.example.org&meeting=9876543210", text -> { });

            assertThat(second).as("the second process ends").isEmpty();
            await().atMost(Duration.ofSeconds(10)).until(() -> showing("#joinLinkPrompt"));
            assertThat(text("#meetingId")).isEqualTo("987 654 3210");
            assertThat(text("#serverAddress")).isEqualTo("wss://meet.example.org");
            await().atMost(Duration.ofSeconds(10)).until(() -> showing("#joinLinkNotNow")); // the dialog's window may show a frame before its buttons
            robot.clickOn("#joinLinkNotNow");
            assertThat(app.meetings.calls).isEmpty();
        }
    }

    @Test
    void aLinkDuringAMeetingDoesNotPullTheUserOut() throws Exception {
        start("{}", ada());
        javafx.scene.layout.StackPane meetingView = new javafx.scene.layout.StackPane();
        meetingView.setId("busyMeeting");
        robot.interact(() -> app.controller.show(new Screen() {
            @Override
            public String name() {
                return "meeting";
            }

            @Override
            public javafx.scene.Parent view() {
                return meetingView;
            }

            @Override
            public boolean keepsUserHere() {
                return true;
            }
        }));
        app.links.offerText("confab://join?meeting=1234567890");

        await().atMost(Duration.ofSeconds(10)).until(() -> notices().contains("Leave this meeting first"));
        assertThat(showing("#busyMeeting")).isTrue();
        assertThat(robot.lookup("#joinLinkPrompt").tryQuery()).isEmpty();
    }

    @Test
    void linksWaitForConsent() throws Exception {
        Path policy = dir.resolve("policy.json");
        Files.writeString(policy, "{}");
        app = new AppHarness(dir.resolve("home")).withPolicy(policy);
        app.links.offerText("confab://join?meeting=1234567890");
        app.start(Locale.ENGLISH);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#joinLinkPrompt").tryQuery()).isEmpty();
        robot.interact(() -> app.controller.stage().setIconified(true));
        assertThat(app.controller.stage().isIconified()).isTrue();
        app.links.offerText(""); // started again without a link, still before consent: come to the front
        await().atMost(Duration.ofSeconds(5)).until(() -> !app.controller.stage().isIconified());

        robot.clickOn("#agree");
        await().atMost(Duration.ofSeconds(10)).until(() -> showing("#joinLinkPrompt"));
        assertThat(text("#meetingId")).isEqualTo("123 456 7890");
    }

    @Test
    void aPresetPublicComputerModeIsWhereTheUserStartsAndTheyMayTurnItOff() throws Exception {
        startWithoutPrivacyChoices("""
                { "defaults": { "publicComputerMode": true } }
                """);
        robot.clickOn("#settingsButton").clickOn("#privacyCenterButton");
        await().atMost(Duration.ofSeconds(10)).until(() -> ((CheckBox) node("#publicMode")).isSelected());

        assertThat(node("#publicMode").isDisabled()).isFalse();
        assertThat(robot.lookup("#publicModeLock").tryQuery()).isEmpty();
        CheckBox publicMode = node("#publicMode");
        robot.interact(() -> publicMode.setSelected(false));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(new PrivacySettingsStore(app.paths).load().publicComputerMode()).isFalse());
        app.stop();
        app = null;
        assertThat(dir.resolve("home").resolve("config/settings.json")).as("the user turned it off").exists();
    }

    @Test
    void enforcedPublicComputerModeIsShownLockedAndErasesAtExit() throws Exception {
        startWithoutPrivacyChoices("""
                { "enforced": { "publicComputerMode": true } }
                """);
        robot.clickOn("#settingsButton").clickOn("#privacyCenterButton");
        await().atMost(Duration.ofSeconds(10)).until(() -> ((CheckBox) node("#publicMode")).isSelected());

        assertThat(node("#publicMode").isDisabled()).isTrue();
        assertThat(showing("#publicModeLock")).isTrue();
        assertThat(PrivacySettingsStore.file(app.paths)).doesNotExist();

        app.stop();
        app = null;
        assertThat(dir.resolve("home").resolve("config/settings.json")).doesNotExist();
    }
}
