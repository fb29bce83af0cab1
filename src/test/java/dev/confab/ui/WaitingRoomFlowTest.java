package dev.confab.ui;

import dev.confab.meeting.Attendee;
import dev.confab.storage.Settings;
import dev.confab.testing.UiTest;
import dev.confab.ui.common.Screen;
import dev.confab.ui.meeting.MeetingScreen;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.Locale;

import static dev.confab.ui.MeetingRig.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The app in a real meeting's waiting room: Grace hosts with a waiting room, Ada joins from the lobby, sees the
 * waiting screen, and is either admitted into the meeting screen or turned away to the lobby, told why.
 */
@UiTest
class WaitingRoomFlowTest {
    @TempDir
    Path dir;
    private final FxRobot robot = new FxRobot();
    private DesktopApp desktop;
    private MeetingRig rig;
    private MeetingRig.Peer grace;

    @BeforeEach
    void adaJoinsGracesMeetingWithAWaitingRoom() throws Exception {
        rig = new MeetingRig(dir.resolve("server"));
        grace = rig.peer("Grace", rig.url());
        grace.session.createMeeting(null, true, false);
        await().atMost(WAIT).until(grace::inMeeting);
        desktop = DesktopApp.start(dir, new AppHarness(dir.resolve("app"), FakeCaptureFactory.withRealDevices())
                .agreedBefore(Settings.defaults().withLanguage("en")), Locale.ENGLISH, DesktopApp.PLAIN);
        rig.pinIn(desktop.app.paths, rig.url());
        robot.interact(() -> {
            robot.lookup("#displayName").queryTextInputControl().setText("Ada");
            robot.lookup("#serverPicker").queryAs(javafx.scene.control.ComboBox.class).getSelectionModel().select(1);
            robot.lookup("#serverAddress").queryTextInputControl().setText(rig.url().toString());
            robot.lookup("#meetingId").queryTextInputControl().setText(grace.roster().meetingId());
        });
        robot.clickOn("#join");
        await().atMost(WAIT).until(() -> screenName().equals("waiting"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(text("#waitingTitle")).isEqualTo("The host will let you in soon");
        await().atMost(WAIT).until(() -> grace.session.waiting().size() == 1);
        assertThat(grace.roster().participants()).as("not in the meeting while waiting").hasSize(1);
    }

    @AfterEach
    void stop() throws Exception {
        if (desktop != null) {
            desktop.close();
        }
        if (rig != null) {
            rig.close();
        }
    }

    private String screenName() {
        return desktop.app.controller.currentScreen() instanceof Screen s ? s.name() : "";
    }

    private String text(String query) {
        Node node = robot.lookup(query).query();
        return ((Labeled) node).getText();
    }

    @Test
    void admittedAdaGetsTheMeetingScreenWithGraceInIt() {
        grace.session.admit(grace.session.waiting().getFirst().waitingId());
        MeetingScreen screen = desktop.awaitMeetingScreen(WAIT);
        @SuppressWarnings("unchecked")
        ListView<Attendee> list = robot.lookup("#participantList").queryAs(ListView.class);
        await().atMost(WAIT).until(() -> list.getItems().size() == 2);
        assertThat(screen.isDisposed()).isFalse();
        assertThat(grace.roster().participants()).extracting(Attendee::displayName).containsExactly("Grace", "Ada");
    }

    @Test
    void deniedAdaIsBackInTheLobbyToldWhy() {
        grace.session.deny(grace.session.waiting().getFirst().waitingId());
        await().atMost(WAIT).until(() -> screenName().equals("lobby"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(text("#lobbyStatus")).isEqualTo("The host did not let you into the meeting.");
    }

    @Test
    void leavingTheWaitingRoomTakesAdaOutOfTheQueue() {
        robot.clickOn("#leaveWaitingRoom");
        await().atMost(WAIT).until(() -> screenName().equals("lobby"));
        await().atMost(WAIT).until(() -> grace.session.waiting().isEmpty());
    }
}
