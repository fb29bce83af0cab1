package dev.confab.ui.meeting;

import dev.confab.meeting.OwnMediaState;
import dev.confab.meeting.ReactionKind;
import dev.confab.meeting.poll.Poll;
import dev.confab.meeting.poll.PollDraft;
import dev.confab.testing.UiTest;
import dev.confab.ui.common.UiText;
import javafx.scene.Scene;
import javafx.scene.control.SplitMenuButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** Raise hand, reactions and polls on the meeting screen, clicked as a user would; what is asked of the meeting. */
@UiTest
class HandsAndPollsViewTest {
    static {
        System.setProperty("testfx.headless", "false");
    }

    private final FxRobot robot = new FxRobot();
    private final List<String> asked = new CopyOnWriteArrayList<>();
    private final List<PollDraft> launched = new CopyOnWriteArrayList<>();
    private MeetingScreen screen;
    private PollBinding polls;
    private Stage stage;

    @BeforeEach
    void show() throws Exception {
        Stage primary = FxToolkit.registerPrimaryStage();
        FxToolkit.setupFixture(() -> {
            javafx.application.Application.setUserAgentStylesheet(new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet());
            stage = primary;
            UiText text = new UiText(Locale.ENGLISH);
            screen = new MeetingScreen(text, TestRosters.recordingCommands(asked), null, OwnMediaState.INITIAL);
            Scene scene = new Scene(screen.view(), 960, 640);
            scene.getStylesheets().add(UiText.class.getResource("confab.css").toExternalForm());
            stage.setScene(scene);
            stage.show();
            polls = new PollBinding(text, new RecordingPollCommands(asked, launched), screen, Runnable::run);
        });
    }

    @AfterEach
    void hide() throws Exception {
        FxToolkit.setupFixture(() -> {
            screen.dispose();
            stage.setScene(null);
        });
    }

    @Test
    void raisingTheHandReactingAndLoweringSomeoneElsesAsAHost() {
        robot.interact(() -> screen.showRoster(TestRosters.roster(4, 1)));
        robot.clickOn("#raiseHandButton");
        assertThat(asked).containsExactly("raiseHand true");

        robot.interact(() -> screen.model().showHands(List.of(3, 1)));
        assertThat(robot.lookup("#raiseHandButton").queryAs(SplitMenuButton.class).getText()).isEqualTo("Lower hand");
        assertThat(robot.lookup("#handsCount").queryLabeled().getText()).isEqualTo("2");
        assertThat(robot.lookup("#hand-3").queryLabeled().getText()).as("first in the queue").isEqualTo("1");
        robot.clickOn("#lowerHand-3");
        robot.clickOn("#lowerAllHands");
        assertThat(asked).endsWith("lowerHand 3", "lowerAllHands");

        robot.interact(() -> robot.lookup("#raiseHandButton").queryAs(SplitMenuButton.class).show());
        robot.clickOn("#react-clap");
        assertThat(asked).endsWith("react " + ReactionKind.CLAP.emoji());
        robot.interact(() -> screen.model().showReaction(2, ReactionKind.HEART.emoji(), java.time.Duration.ofMillis(300)));
        assertThat(robot.lookup("#reaction-2").query().isVisible()).isTrue();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> !robot.lookup("#reaction-2").query().isVisible());
    }

    @Test
    void aParticipantVotesOnceAndSeesNoOnesChoices() {
        robot.interact(() -> {
            screen.showRoster(TestRosters.roster(4, 2));
            polls.model().showPoll(new Poll(4, "Lunch?", List.of("Noodles", "Dumplings"), false, "Grace Hopper", true,
                    0, List.of(), null, null));
        });
        assertThat(robot.lookup("#lowerAllHands").tryQuery().map(javafx.scene.Node::isVisible)).contains(false);
        robot.clickOn("#pollPick-2");
        robot.clickOn("#voteButton");
        assertThat(asked).containsExactly("vote 4 [1]");
        robot.interact(() -> polls.model().showPoll(new Poll(4, "Lunch?", List.of("Noodles", "Dumplings"), false,
                "Grace Hopper", true, 1, List.of(1), null, null)));
        assertThat(robot.lookup("#voteButton").tryQuery()).as("one vote").isEmpty();
        assertThat(robot.lookup("#pollOwnVote").queryLabeled().getText()).isEqualTo("You voted: Dumplings");
        assertThat(robot.lookup("#pollResults").tryQuery()).isEmpty();
    }

    @Test
    void theHostWritesAPollLaunchesItAndEndsIt() {
        robot.interact(() -> {
            screen.showRoster(TestRosters.roster(4, 1));
            polls.model().showModerates(true);
        });
        robot.interact(() -> screen.sidePanel().getSelectionModel().select(1));
        robot.clickOn("#newPollButton");
        assertThat(robot.lookup("#pollLaunch").queryButton().isDisabled()).as("nothing written yet").isTrue();
        robot.clickOn("#pollQuestion").write("Lunch?");
        robot.clickOn("#pollChoice-1").write("Noodles");
        robot.clickOn("#pollChoice-2").write("Dumplings");
        robot.clickOn("#pollLaunch");
        assertThat(launched).containsExactly(new PollDraft("Lunch?", List.of("Noodles", "Dumplings"), false));

        robot.interact(() -> polls.model().showPoll(new Poll(1, "Lunch?", List.of("Noodles", "Dumplings"), false,
                "Ada Lovelace", true, 0, List.of(), dev.confab.meeting.poll.PollResults.of(
                List.of("Noodles", "Dumplings"), new java.util.LinkedHashMap<>()), null)));
        robot.clickOn("#endPollButton");
        assertThat(asked).containsExactly("end 1");
    }
}
