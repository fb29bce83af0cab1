package dev.confab.ui.meeting;

import dev.confab.meeting.OwnMediaState;
import dev.confab.meeting.poll.Poll;
import dev.confab.testing.UiTest;
import dev.confab.ui.common.UiText;
import javafx.scene.AccessibleAttribute;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.Control;
import javafx.scene.control.Labeled;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The meeting screen with the keyboard alone: Tab reaches every control in reading order and each one says what it
 * is; the documented shortcuts press their controls.
 */
@UiTest
class MeetingKeyboardTest {
    static {
        System.setProperty("testfx.headless", "false");
    }

    private final FxRobot robot = new FxRobot();
    private final List<String> asked = new CopyOnWriteArrayList<>();
    private MeetingScreen screen;
    private Stage stage;

    private final MeetingCommands commands = TestRosters.recordingCommands(asked);

    private final PollCommands polls = new RecordingPollCommands(asked, new CopyOnWriteArrayList<>());

    @BeforeEach
    void show() throws Exception {
        Stage primary = FxToolkit.registerPrimaryStage();
        FxToolkit.setupFixture(() -> {
            javafx.application.Application.setUserAgentStylesheet(new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet());
            stage = primary;
            UiText text = new UiText(Locale.ENGLISH);
            screen = new MeetingScreen(text, commands, null, OwnMediaState.INITIAL);
            Scene scene = new Scene(screen.view(), 960, 640);
            scene.getStylesheets().add(UiText.class.getResource("confab.css").toExternalForm());
            stage.setScene(scene);
            stage.show();
            stage.toFront();
            stage.requestFocus();
            // A host in a meeting of 12 (two pages of tiles), with two hands up and a poll open.
            screen.showRoster(TestRosters.roster(12, 1));
            screen.model().showHands(List.of(3, 1));
            PollBinding binding = new PollBinding(text, polls, screen, Runnable::run);
            binding.model().showModerates(true);
            binding.model().showPoll(new Poll(1, "Lunch?", List.of("Noodles", "Dumplings"), false, "Ada Lovelace",
                    true, 0, List.of(), dev.confab.meeting.poll.PollResults.of(List.of("Noodles", "Dumplings"),
                    new java.util.LinkedHashMap<>()), null));
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
    void tabAloneReachesEveryControlInReadingOrderAndEachSaysWhatItIs() {
        await().atMost(java.time.Duration.ofSeconds(5)).until(stage::isFocused);
        // The poll opened its tab: header, tiles' pager, the poll's controls, then the controls bar.
        List<Node> withPoll = walk();
        assertThat(ids(withPoll)).contains("copyMeetingId", "speakerView", "meetingTopic", "nextPage", "sidePanel",
                "pollPick-1", "voteButton", "endPollButton", "muteButton", "cameraButton", "participantsButton",
                "raiseHandButton", "leaveButton");
        assertEveryOneSaysWhatItIs(withPoll);

        robot.interact(() -> screen.sidePanel().getSelectionModel().selectFirst());
        List<Node> withParticipants = walk();
        assertThat(ids(withParticipants)).contains("participantList", "lowerAllHands", "muteAll")
                .doesNotContain("voteButton");
        assertEveryOneSaysWhatItIs(withParticipants);
    }

    /** Tab until the focus comes round again; the controls in the order reached, from the window's top. */
    private List<Node> walk() {
        robot.clickOn("#meetingTitle"); // the window gets the keyboard (a label: nothing happens)
        await().atMost(java.time.Duration.ofSeconds(5)).until(stage::isFocused);
        Node start = robot.lookup("#copyMeetingId").query();
        robot.interact(start::requestFocus);
        List<Node> visited = new ArrayList<>(List.of(start));
        for (int presses = 0; presses < 300; presses++) {
            robot.type(KeyCode.TAB);
            WaitForAsyncUtils.waitForFxEvents();
            Node focused = stage.getScene().getFocusOwner();
            assertThat(focused).as("focus after " + ids(visited)).isNotNull();
            if (focused == start && visited.size() > 1) {
                break;
            }
            if (!visited.contains(focused)) {
                visited.add(focused);
            }
        }
        int top = 0;
        for (int i = 0; i < visited.size(); i++) {
            if (region(visited.get(i)) == 0 && region(visited.get((i + visited.size() - 1) % visited.size())) != 0) {
                top = i;
            }
        }
        List<Node> fromTop = new ArrayList<>(visited.subList(top, visited.size()));
        fromTop.addAll(visited.subList(0, top));
        return fromTop;
    }

    private void assertEveryOneSaysWhatItIs(List<Node> visited) {
        for (Node node : visited) {
            assertThat(spoken(node)).as("what a screen reader says for " + describe(node)).isNotBlank();
            if (node instanceof Labeled labeled && (labeled.getText() == null || labeled.getText().isBlank())) {
                assertThat(help(node)).as("help text of the icon-only " + describe(node)).isNotBlank();
            }
        }
        // Reading order: the header, the tiles, the side panel, then the controls bar from left to right.
        assertThat(visited.stream().map(this::region).toList()).as("regions in Tab order: " + ids(visited)).isSorted();
        List<Double> toolbarX = visited.stream().filter(n -> region(n) == 3)
                .map(n -> n.localToScene(n.getBoundsInLocal()).getMinX()).toList();
        assertThat(toolbarX).as("the controls bar left to right").isSorted();
    }

    private static List<String> ids(List<Node> nodes) {
        return nodes.stream().map(Node::getId).toList();
    }

    @Test
    void theDocumentedShortcutsPressTheirControls() {
        // Not the host here: Leave then leaves at once instead of asking whether to end the meeting for all.
        robot.interact(() -> screen.showRoster(TestRosters.roster(12, 2)));
        robot.clickOn("#videoGrid");
        await().atMost(java.time.Duration.ofSeconds(5)).until(stage::isFocused);
        robot.press(KeyCode.ALT).type(KeyCode.Y).release(KeyCode.ALT);
        robot.press(KeyCode.ALT).type(KeyCode.U).release(KeyCode.ALT);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(asked).as("Alt+Y lowers the raised hand").contains("raiseHand false");
        assertThat(robot.lookup("#sidePanel").query().isVisible()).as("Alt+U hides the participants").isFalse();
        robot.press(KeyCode.ALT).type(KeyCode.N).release(KeyCode.ALT);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#pageLabel").queryLabeled().getText()).as("Alt+N: the next page").startsWith("2");
        robot.press(KeyCode.ALT).type(KeyCode.Q).release(KeyCode.ALT);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(asked).as("Alt+Q leaves").contains("leave");
    }

    private int region(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (n instanceof MeetingHeader) {
                return 0;
            }
            String id = n.getId();
            if ("videoGrid".equals(id)) {
                return 1;
            }
            if ("sidePanel".equals(id)) {
                return 2;
            }
            if ("meetingControls".equals(id)) {
                return 3;
            }
        }
        return -1;
    }

    /** What assistive technology reads for the node: its accessible text, else its own text or prompt. */
    private static String spoken(Node node) {
        if (node.getAccessibleText() != null && !node.getAccessibleText().isBlank()) {
            return node.getAccessibleText();
        }
        if (node instanceof TextInputControl input) {
            return input.getPromptText();
        }
        Object text = node.queryAccessibleAttribute(AccessibleAttribute.TEXT);
        return text == null ? "" : text.toString();
    }

    private static String help(Node node) {
        if (node.getAccessibleHelp() != null && !node.getAccessibleHelp().isBlank()) {
            return node.getAccessibleHelp();
        }
        return node instanceof Control c && c.getTooltip() != null ? c.getTooltip().getText() : "";
    }

    private static String describe(Node node) {
        return node.getClass().getSimpleName() + "#" + node.getId() + (node instanceof ButtonBase ? " (button)" : "");
    }
}
