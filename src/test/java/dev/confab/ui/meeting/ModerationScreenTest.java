package dev.confab.ui.meeting;

import dev.confab.meeting.MeetingSettings;
import dev.confab.meeting.OwnMediaState;
import dev.confab.meeting.WaitingPerson;
import dev.confab.testing.UiTest;
import dev.confab.ui.common.UiText;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The waiting screen, the host's admit controls, the spotlight and pin, and the unmute prompt, on screen. */
@UiTest
class ModerationScreenTest {
    static {
        System.setProperty("testfx.headless", "false");
    }

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final FxRobot robot = new FxRobot();
    private final List<String> sent = new CopyOnWriteArrayList<>();
    private final List<OwnMediaState> published = new CopyOnWriteArrayList<>();
    private final UiText text = new UiText(Locale.ENGLISH);
    private Stage stage;
    private MeetingScreen screen;

    @BeforeEach
    void stage() throws Exception {
        Stage primary = FxToolkit.registerPrimaryStage();
        FxToolkit.setupFixture(() -> {
            javafx.application.Application.setUserAgentStylesheet(new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet());
            stage = primary;
        });
    }

    @AfterEach
    void hide() throws Exception {
        FxToolkit.setupFixture(() -> {
            if (screen != null) {
                screen.dispose();
            }
            stage.setScene(null);
        });
    }

    private void show(Parent root) {
        robot.interact(() -> {
            Scene scene = new Scene(root, 960, 640);
            scene.getStylesheets().add(UiText.class.getResource("confab.css").toExternalForm());
            stage.setScene(scene);
            stage.show();
            stage.toFront();
        });
    }

    /** A meeting screen as participant 1 of {@code count}, with {@code hostId} host, starting muted. */
    private MeetingScreen meeting(int count, int hostId) {
        MeetingCommands commands = (MeetingCommands) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{MeetingCommands.class}, (proxy, method, args) -> {
                    if (method.getName().equals("updateOwnState")) {
                        published.add((OwnMediaState) args[0]);
                    }
                    return null;
                });
        ModerationCommands moderation = (ModerationCommands) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{ModerationCommands.class}, (proxy, method, args) -> {
                    sent.add(method.getName() + (args == null ? "" : " " + args[0]));
                    return null;
                });
        robot.interact(() -> screen = new MeetingScreen(text, new MeetingViewModel(commands, moderation, null,
                OwnMediaState.INITIAL.withMuted(true))));
        show((Parent) screen.view());
        robot.interact(() -> screen.showRoster(TestRosters.roster(count, hostId)));
        return screen;
    }

    private String label(String query) {
        return robot.lookup(query).queryAs(Labeled.class).getText();
    }

    /** Whether the node and everything around it is visible. */
    private boolean shown(String query) {
        Node node = robot.lookup(query).tryQuery().orElse(null);
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return node != null;
    }

    @Test
    void theWaitingScreenSaysTheHostWillLetYouInAndLeaveLeaves() {
        List<String> left = new CopyOnWriteArrayList<>();
        WaitingScreen waiting = new WaitingScreen(text, "1234567890", () -> left.add("leave"));
        show(waiting.view());
        assertThat(label("#waitingTitle")).isEqualTo("The host will let you in soon");
        assertThat(label("#waitingDetail")).contains("123 456 7890");
        robot.clickOn("#leaveWaitingRoom");
        assertThat(left).containsExactly("leave");

        robot.interact(() -> {
            waiting.handOver();
            waiting.dispose();
        });
        assertThat(left).as("admitted: the meeting screen takes over, nothing is left").containsExactly("leave");
    }

    @Test
    void theHostSeesWhoWaitsWithANoticeAndAdmitsOrDenies() {
        meeting(3, 1);
        assertThat(shown("#waitingRoomPanel")).as("nobody waits yet").isFalse();
        robot.interact(() -> screen.model().moderation().showWaiting(List.of(
                new WaitingPerson(1, "Lin", Instant.EPOCH), new WaitingPerson(2, "Alan", Instant.EPOCH))));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(shown("#waitingRoomPanel")).isTrue();
        assertThat(label("#waitingHeading")).isEqualTo("Waiting (2)");
        assertThat(screen.model().notices()).extracting(n -> text.get(n.message()))
                .contains("Lin and 1 more are in the waiting room.");

        robot.clickOn("#admit-1");
        robot.clickOn("#deny-2");
        robot.clickOn("#admitAll");
        assertThat(sent).containsExactly("admit 1", "deny 2", "admitAll");

        robot.interact(() -> screen.model().moderation().showWaiting(List.of()));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(shown("#waitingRoomPanel")).isFalse();
    }

    @Test
    void aParticipantHasNoAdmitControlsNorModeratorSettings() {
        meeting(3, 2);
        robot.interact(() -> screen.model().moderation().showWaiting(List.of(new WaitingPerson(1, "Lin", Instant.EPOCH))));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(shown("#waitingRoomPanel")).isFalse();
        assertThat(shown("#moderationMenu")).isFalse();
    }

    @Test
    void theHostTurnsTheWaitingRoomOnAndAsksEveryoneToUnmute() {
        meeting(3, 1);
        robot.clickOn("#moderationMenu");
        robot.clickOn("Waiting room: I admit people who join");
        robot.clickOn("#moderationMenu");
        robot.clickOn("Ask all to unmute");
        assertThat(sent).containsExactly("setWaitingRoom true", "askAllToUnmute");
    }

    @Test
    void theSpotlightShowsThatPersonLargeAndOwnPinWins() {
        meeting(4, 2);
        robot.interact(() -> screen.model().moderation().showSettings(new MeetingSettings(false, false, 3)));
        await().atMost(WAIT).until(() -> largest() == 3);

        robot.moveTo("#pin-4").clickOn("#pin-4");
        await().atMost(WAIT).until(() -> largest() == 4);
        robot.clickOn("#pin-4");
        await().atMost(WAIT).until(() -> largest() == 3);
    }

    /** The participant whose tile is widest on screen. */
    private int largest() {
        var result = new java.util.concurrent.atomic.AtomicInteger();
        robot.interact(() -> result.set(screen.grid().visibleTiles().stream()
                .max(java.util.Comparator.comparingDouble(t -> t.getWidth())).orElseThrow().participantId()));
        return result.get();
    }

    @Test
    void anUnmuteRequestAsksAndOnlyTheClickUnmutes() {
        meeting(3, 2);
        assertThat(shown("#unmutePrompt")).isFalse();
        robot.interact(() -> screen.model().moderation().unmuteRequested(
                TestRosters.roster(3, 2).find(2).orElseThrow()));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(shown("#unmutePrompt")).isTrue();
        assertThat(label("#unmuteAsked")).isEqualTo("Grace Hopper asks you to unmute.");
        assertThat(screen.mutedProperty().get()).isTrue();

        robot.clickOn("#acceptUnmute");
        assertThat(screen.mutedProperty().get()).isFalse();
        assertThat(published.getLast().muted()).isFalse();
        assertThat(shown("#unmutePrompt")).isFalse();
    }
}
