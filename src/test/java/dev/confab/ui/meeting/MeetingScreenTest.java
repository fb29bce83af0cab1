package dev.confab.ui.meeting;

import dev.confab.meeting.Attendee;
import dev.confab.meeting.OwnMediaState;
import dev.confab.meeting.SessionState;
import dev.confab.testing.UiTest;
import dev.confab.ui.common.UiText;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The meeting screen's own behaviour, fed with rosters directly and recording what it asks of the meeting. */
@UiTest
class MeetingScreenTest {
    static {
        System.setProperty("testfx.headless", "false");
    }

    private final FxRobot robot = new FxRobot();
    private final List<String> asked = new CopyOnWriteArrayList<>();
    private final List<OwnMediaState> published = new CopyOnWriteArrayList<>();
    private MeetingScreen screen;
    private Stage stage;

    private final MeetingCommands recording = new MeetingCommands() {
        @Override
        public void updateOwnState(OwnMediaState state) {
            published.add(state);
        }

        @Override
        public void leave() {
            asked.add("leave");
        }

        @Override
        public void endForAll() {
            asked.add("endForAll");
        }

        @Override
        public void askToMute(int participantId) {
            asked.add("askToMute " + participantId);
        }

        @Override
        public void askAllToMute() {
            asked.add("askAllToMute");
        }

        @Override
        public void remove(int participantId) {
            asked.add("remove " + participantId);
        }

        @Override
        public void makeHost(int participantId) {
            asked.add("makeHost " + participantId);
        }

        @Override
        public void setTopic(String topic) {
            asked.add("topic " + topic);
        }

        @Override
        public void setLocked(boolean locked) {
            asked.add("lock " + locked);
        }

        @Override
        public void stopShareOf(int participantId) {
            asked.add("stopShare " + participantId);
        }

        @Override
        public void setMultipleSharersAllowed(boolean allowed) {
            asked.add("multipleSharers " + allowed);
        }
    };

    @BeforeEach
    void show() throws Exception {
        Stage primary = FxToolkit.registerPrimaryStage();
        FxToolkit.setupFixture(() -> {
            javafx.application.Application.setUserAgentStylesheet(new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet());
            stage = primary;
            screen = new MeetingScreen(new UiText(Locale.ENGLISH), recording, null, OwnMediaState.INITIAL);
            Scene scene = new Scene(screen.view(), 960, 640);
            scene.getStylesheets().add(UiText.class.getResource("confab.css").toExternalForm());
            stage.setScene(scene);
            stage.show();
            stage.toFront();
            stage.requestFocus();
        });
    }

    @AfterEach
    void hide() throws Exception {
        FxToolkit.setupFixture(() -> {
            screen.dispose();
            stage.setScene(null);
        });
    }

    private String text(String query) {
        return robot.lookup(query).queryAs(Labeled.class).getText();
    }

    @Test
    void altAAndAltVToggleMicrophoneAndCameraAndPublishIt() {
        robot.interact(() -> screen.showRoster(TestRosters.roster(2, 1)));
        robot.clickOn("#videoGrid");
        await().atMost(java.time.Duration.ofSeconds(5)).until(stage::isFocused); // shortcuts go to the focused window
        robot.press(KeyCode.ALT).type(KeyCode.A).release(KeyCode.ALT);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(screen.mutedProperty().get()).isTrue();
        assertThat(published.getLast().muted()).isTrue();
        assertThat(text("#muteButton")).isEqualTo("Unmute");
        assertThat(screen.tile(1).orElseThrow().showsMuted()).as("own tile follows at once").isTrue();

        robot.press(KeyCode.ALT).type(KeyCode.V).release(KeyCode.ALT);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(screen.cameraOnProperty().get()).isTrue();
        assertThat(published.getLast()).isEqualTo(new OwnMediaState(true, true, false, false));
        assertThat(text("#cameraButton")).isEqualTo("Stop video");

        robot.clickOn("#muteButton");
        assertThat(published.getLast().muted()).isFalse();
    }

    @Test
    void aNarrowWindowShowsTheControlsAsNamedIconsInsteadOfCutLabels() {
        robot.interact(() -> {
            screen.showRoster(TestRosters.roster(2, 1));
            for (String name : List.of("Chat", "Share screen", "Record")) { // as the app's features add theirs
                javafx.scene.control.Button feature = MeetingToolbar.controlButton("feature" + name.length());
                feature.setText(name);
                feature.setGraphic(dev.confab.ui.common.Icons.of(org.kordamp.ikonli.materialdesign2.MaterialDesignS.STAR));
                screen.addControls(feature);
            }
        });
        assertThat(controls()).as("at 960 px every name fits").allSatisfy(control -> {
            assertThat(control.getContentDisplay()).isEqualTo(javafx.scene.control.ContentDisplay.TOP);
            assertThat(shownTexts(control)).contains(control.getText());
        });

        robot.interact(() -> stage.setWidth(680)); // half of a 1366-pixel laptop screen
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(controls()).as("too narrow: icons, each named in its tooltip").allSatisfy(control -> {
            assertThat(control.getContentDisplay()).isEqualTo(javafx.scene.control.ContentDisplay.GRAPHIC_ONLY);
            assertThat(control.getTooltip()).isNotNull();
            assertThat(control.getTooltip().getText()).isNotBlank();
        });
        Labeled leave = robot.lookup("#leaveButton").queryAs(Labeled.class);
        assertThat(leave.localToScene(leave.getBoundsInLocal()).getMaxX()).as("Leave stays in the window")
                .isLessThanOrEqualTo(leave.getScene().getWidth());

        robot.interact(() -> stage.setWidth(960));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(controls()).as("wide again: the names come back whole").allSatisfy(control ->
                assertThat(shownTexts(control)).contains(control.getText()));
    }

    private List<Labeled> controls() {
        return robot.lookup("#meetingControls .control-button").queryAllAs(Labeled.class).stream()
                .filter(javafx.scene.Node::isVisible).toList();
    }

    /** The texts the control really draws: its name whole, or shortened to end in "…" (and any badge's). */
    private static List<String> shownTexts(Labeled control) {
        return control.lookupAll(".text").stream().filter(javafx.scene.text.Text.class::isInstance)
                .map(node -> ((javafx.scene.text.Text) node).getText()).toList();
    }

    @Test
    void titleLockReconnectBannerAndPanelToggle() {
        var r = TestRosters.roster(3, 2);
        robot.interact(() -> screen.showRoster(new dev.confab.meeting.Roster(r.meetingId(), 1, 2, true, false,
                r.participants(), List.of())));
        assertThat(text("#meetingTitle")).isEqualTo("Meeting 123 456 7890");
        assertThat(robot.lookup("#lockBadge").query().isVisible()).isTrue();
        assertThat(robot.lookup("#reconnecting").query().isVisible()).isFalse();

        robot.interact(() -> screen.showState(new SessionState.Reconnecting(3, Instant.now().plusSeconds(30))));
        assertThat(robot.lookup("#reconnecting").query().isVisible()).isTrue();
        assertThat(text("#reconnecting")).isEqualTo("Connection lost. Reconnecting… (attempt 3)");
        robot.interact(() -> screen.showState(new SessionState.InMeeting(r.meetingId())));
        assertThat(robot.lookup("#reconnecting").query().isVisible()).isFalse();

        assertThat(robot.lookup("#sidePanel").query().isVisible()).isTrue();
        robot.clickOn("#participantsButton");
        assertThat(robot.lookup("#sidePanel").query().isVisible()).isFalse();
        robot.clickOn("#participantsButton");
        assertThat(robot.lookup("#sidePanel").query().isVisible()).isTrue();
    }

    @Test
    void theEncryptionBadgeOpensTheCodesToCompareAndNamesWhoIsNotEncrypted() {
        var r = TestRosters.roster(3, 1);
        var third = r.participants().get(2);
        var privacy = new dev.confab.meeting.MediaPrivacy("12345 67890 11111 22222 33333 44444",
                java.util.Map.of(2, "55555 66666 77777 88888 99999 00000"), List.of(third));
        robot.interact(() -> screen.showRoster(new dev.confab.meeting.Roster(r.meetingId(), 1, 1, false, false,
                r.participants(), List.of(), "1111 2222 3333 4444 5555", privacy)));
        assertThat(text("#encryptionBadge")).isEqualTo("Not fully encrypted");
        assertThat(robot.lookup("#encryptionPanel").query().isVisible()).isFalse();

        robot.clickOn("#encryptionBadge");
        assertThat(robot.lookup("#encryptionPanel").query().isVisible()).isTrue();
        assertThat(text("#encryptionMissing")).startsWith("Not end-to-end encrypted with you: " + third.displayName() + ".");
        assertThat(text("#privacyCode")).isEqualTo("Meeting privacy code: 12345 67890 11111 22222 33333 44444");
        assertThat(text("#chatSecurityCodeInPanel")).isEqualTo("Chat security code: 1111 2222 3333 4444 5555");

        var everyone = new dev.confab.meeting.MediaPrivacy("12345 67890 11111 22222 33333 44444",
                java.util.Map.of(2, "55555 66666 77777 88888 99999 00000"), List.of());
        robot.interact(() -> screen.showRoster(new dev.confab.meeting.Roster(r.meetingId(), 1, 1, false, false,
                r.participants().subList(0, 2), List.of(), "1111 2222 3333 4444 5555", everyone)));
        assertThat(text("#encryptionBadge")).isEqualTo("End-to-end encrypted");
        assertThat(robot.lookup("#encryptionMissing").tryQuery()).isEmpty();

        var joining = new dev.confab.meeting.MediaPrivacy("12345 67890 11111 22222 33333 44444",
                java.util.Map.of(2, "55555 66666 77777 88888 99999 00000"), List.of(), List.of(third));
        robot.interact(() -> screen.showRoster(new dev.confab.meeting.Roster(r.meetingId(), 1, 1, false, false,
                r.participants(), List.of(), "1111 2222 3333 4444 5555", joining)));
        assertThat(text("#encryptionBadge")).as("someone joining: keys on their way").isEqualTo("Securing…");
        assertThat(robot.lookup("#encryptionBadge").query().getStyleClass()).as("no warning colour for a join")
                .doesNotContain(atlantafx.base.theme.Styles.WARNING, atlantafx.base.theme.Styles.SUCCESS);
    }

    @Test
    void twoPeopleCalledLinAreShownWithTheirNumbersInTheListAndOnTheTiles() {
        Instant t = Instant.parse("2026-11-23T10:00:00Z");
        List<Attendee> people = List.of(
                new Attendee(1, "Lin", false, false, false, false, false, true, t),
                new Attendee(2, "Ada", true, false, false, false, false, true, t),
                new Attendee(3, "Lin", false, false, false, false, false, true, t));
        robot.interact(() -> screen.showRoster(new dev.confab.meeting.Roster("1234567890", 1, 2, false, false, people,
                List.of())));

        assertThat(text("#participant-1 .participant-name")).isEqualTo("Lin #1 (you)");
        assertThat(text("#participant-2 .participant-name")).isEqualTo("Ada");
        assertThat(text("#participant-3 .participant-name")).isEqualTo("Lin #3");
        assertThat(screen.tile(3).orElseThrow().nameShown()).isEqualTo("Lin #3");
        assertThat(screen.tile(1).orElseThrow().nameShown()).isEqualTo("Lin #1 (you)");

        robot.interact(() -> screen.showRoster(new dev.confab.meeting.Roster("1234567890", 1, 2, false, false,
                people.subList(0, 2), List.of())));
        assertThat(text("#participant-1 .participant-name")).as("no one else is called Lin now").isEqualTo("Lin (you)");
        assertThat(screen.tile(1).orElseThrow().nameShown()).isEqualTo("Lin (you)");
    }

    @Test
    void aGuestLeavesAtOnceAndCannotSeeHostControls() {
        robot.interact(() -> screen.showRoster(TestRosters.roster(3, 2)));
        assertThat(robot.lookup("#hostActions").query().isVisible()).isFalse();
        assertThat(robot.lookup("#hostMenu-2").tryQuery()).isEmpty();
        assertThat(robot.lookup("#hostMenu-3").tryQuery()).isEmpty();
        robot.clickOn("#leaveButton");
        assertThat(asked).containsExactly("leave");
    }

    @Test
    void theHostChoosesBetweenLeavingAndEndingForAllAndConfirmsRemoval() {
        robot.interact(() -> screen.showRoster(TestRosters.roster(3, 1)));
        assertThat(robot.lookup("#hostActions").query().isVisible()).isTrue();
        robot.clickOn("#muteAll");
        robot.clickOn("#lockMeeting");
        assertThat(asked).containsExactly("askAllToMute", "lock true");

        robot.clickOn("#hostMenu-3").clickOn("#remove-3");
        assertThat(asked).as("nothing before confirming").hasSize(2);
        robot.clickOn("#confirmYes");
        assertThat(asked).last().isEqualTo("remove 3");

        robot.clickOn("#leaveButton");
        robot.clickOn("#leaveEndForAll");
        assertThat(asked).last().isEqualTo("endForAll");
    }

    @Test
    void askedToMuteMutesAndSaysWhoAsked() {
        var r = TestRosters.roster(2, 2);
        robot.interact(() -> {
            screen.showRoster(r);
            screen.muteRequested(r.find(2).orElseThrow());
        });
        assertThat(screen.mutedProperty().get()).isTrue();
        assertThat(published.getLast().muted()).isTrue();
        assertThat(text("#askedToMute")).isEqualTo(
                "Grace Hopper (host) asked you to mute — your microphone is now muted. Only you can unmute it.");
    }

    @Test
    void listeningOnlyShowsMutedEverywhereAndNeitherTheButtonNorAltAUnmute() {
        robot.interact(() -> screen.showRoster(TestRosters.roster(2, 1)));
        robot.interact(screen::showListenOnly);
        assertThat(screen.mutedProperty().get()).isTrue();
        assertThat(published.getLast().muted()).as("everyone is told").isTrue();
        assertThat(screen.tile(1).orElseThrow().showsMuted()).as("own tile").isTrue();
        assertThat(text("#muteButton")).isEqualTo("Listening only");
        assertThat(robot.lookup("#muteButton").queryButton().getTooltip().getText())
                .isEqualTo("No microphone can be used, so you are listening only and shown as muted to everyone.");

        int publishedBefore = published.size();
        robot.clickOn("#muteButton");
        assertThat(screen.mutedProperty().get()).isTrue();
        assertThat(text("#listenOnly")).startsWith("You are listening only");
        await().atMost(java.time.Duration.ofSeconds(5)).until(stage::isFocused);
        robot.press(KeyCode.ALT).type(KeyCode.A).release(KeyCode.ALT);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(screen.mutedProperty().get()).isTrue();
        assertThat(published.subList(publishedBefore, published.size())).as("never published as unmuted")
                .allMatch(OwnMediaState::muted);
    }
}
