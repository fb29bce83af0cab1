package dev.confab.ui;

import redis.clients.jedis.RedisClient;
import dev.confab.meeting.SessionState;
import dev.confab.storage.Settings;
import dev.confab.meeting.KnownServers;
import dev.confab.testing.TestCluster;
import dev.confab.testing.UiTest;
import dev.confab.ui.common.Screen;
import javafx.scene.control.Label;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

import static dev.confab.ui.MeetingRig.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The app in the waiting room of a meeting on a cluster whose server dies: Ada keeps her place (the same waiting
 * screen, told the meeting is moving), and Grace, the host, admits her on the server the meeting moved to.
 */
@UiTest
class ClusterWaitingRoomFlowTest {
    @RegisterExtension
    final TestCluster cluster = TestCluster.withTls("a", "b");
    @TempDir
    Path dir;
    private final FxRobot robot = new FxRobot();
    private DesktopApp desktop;

    @AfterEach
    void stop() throws Exception {
        if (desktop != null) {
            desktop.close();
        }
    }

    @Test
    void whenTheMeetingsServerDiesAdaKeepsHerPlaceSeesWhyAndIsAdmittedOnTheNewServer() throws Exception {
        MeetingRig.Peer grace = new MeetingRig.Peer();
        grace.session = cluster.session("a", "Grace", grace);
        grace.session.createMeeting(null, true, false);
        await().atMost(WAIT).until(grace::inMeeting);
        String meetingId = grace.roster().meetingId();

        desktop = DesktopApp.start(dir, new AppHarness(dir.resolve("app"), FakeCaptureFactory.withRealDevices())
                .agreedBefore(Settings.defaults().withLanguage("en")), Locale.ENGLISH, DesktopApp.PLAIN);
        // As after an earlier visit: the cluster's one certificate is trusted for the address Ada types.
        KnownServers.load(desktop.app.paths.knownServersFile()).trust(cluster.url("a"), cluster.fingerprint());
        robot.interact(() -> {
            robot.lookup("#displayName").queryTextInputControl().setText("Ada");
            robot.lookup("#serverPicker").queryAs(javafx.scene.control.ComboBox.class).getSelectionModel().select(1);
            robot.lookup("#serverAddress").queryTextInputControl().setText(cluster.url("a").toString());
            robot.lookup("#meetingId").queryTextInputControl().setText(meetingId);
        });
        robot.clickOn("#join");
        await().atMost(WAIT).until(() -> screenName().equals("waiting") && grace.session.waiting().size() == 1);
        Screen waitingScreen = desktop.app.controller.currentScreen();
        Label moving = robot.lookup("#waitingMoving").queryAs(Label.class);
        assertThat(moving.isVisible()).as("nothing is moving yet").isFalse();
        AtomicBoolean toldItMoves = new AtomicBoolean();
        robot.interact(() -> moving.visibleProperty().addListener((obs, old, shown) -> toldItMoves.compareAndSet(false, shown)));

        String owner;
        try (RedisClient redis = cluster.client()) {
            owner = redis.get("confab:meeting:" + meetingId);
            await().atMost(WAIT).until(() -> {
                String snapshot = redis.get("confab:snapshot:" + meetingId);
                return snapshot != null && snapshot.contains("\"displayName\":\"Ada\"");
            });
        }
        cluster.halt(owner);

        await().atMost(WAIT).until(() -> grace.inMeeting() && grace.session.waiting().size() == 1
                && !moving.isVisible() && toldItMoves.get());
        assertThat(desktop.app.controller.currentScreen()).as("the same waiting screen, never left").isSameAs(waitingScreen);
        assertThat(grace.session.waiting().getFirst().displayName()).isEqualTo("Ada");

        grace.session.admit(grace.session.waiting().getFirst().waitingId());
        desktop.awaitMeetingScreen(WAIT);
        assertThat(grace.state.get()).isInstanceOf(SessionState.InMeeting.class);
    }

    private String screenName() {
        return desktop.app.controller.currentScreen() instanceof Screen s ? s.name() : "";
    }
}
