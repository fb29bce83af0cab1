package dev.confab.ui;

import dev.confab.i18n.Messages;
import dev.confab.media.ScreenCaptureFactory;
import dev.confab.meeting.LocalServer;
import dev.confab.privacy.DataCategory;
import dev.confab.privacy.DataLocations;
import dev.confab.privacy.DataMap;
import dev.confab.privacy.NoticeText;
import dev.confab.testing.UiTest;
import dev.confab.ui.meeting.MeetingLauncher;
import dev.confab.ui.meeting.MeetingScreen;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Labeled;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

import static dev.confab.ui.MeetingRig.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Nothing is stored that the data map does not declare: a new user, in an empty data folder, agrees to the notice
 * (diagnostic logs on), answers every permission at its first use, hosts a meeting on this computer, chats, shares
 * the screen, saves an annotated picture, records, and leaves. Then every file in the data folder must belong to a
 * declared category, and each category found must be worded in both languages of the notice.
 */
@UiTest
class DeclaredDataTest {
    @TempDir
    Path dir;
    private final FxRobot robot = new FxRobot();
    private AppHarness app;
    private LocalServer localServer;
    private MeetingLauncher launcher;

    @AfterEach
    void stop() throws Exception {
        try {
            if (app != null) {
                app.stop();
            }
        } finally {
            if (launcher != null) {
                launcher.close();
            }
            if (localServer != null) {
                localServer.close();
            }
        }
    }

    @Test
    void aWholeMeetingWritesOnlyDeclaredData() throws Exception {
        app = new AppHarness(dir.resolve("home"), FakeCaptureFactory.withRealDevices());
        // The product's layout: the built-in server keeps its identity in the data folder.
        localServer = new LocalServer(app.paths.serverDir(), false);
        launcher = new MeetingLauncher(app.paths, localServer, app.capture, o -> o,
                new MeetingLauncher.Sharing(ScreenCaptureFactory.syntheticOnly(), () -> true));
        app.actions = launcher; // no answers stored in advance: the folder is empty until the user agrees
        app.start(Locale.ENGLISH);
        assertThat(filesIn(app.paths.config().getParent())).as("nothing before consent").isEmpty();

        robot.clickOn("#consentDiagnostics");
        robot.clickOn("#agree");
        allow(); // camera, asked by the lobby's preview
        allow(); // microphone
        turnOnChatHistory();

        robot.interact(() -> robot.lookup("#displayName").queryTextInputControl().setText("Ada"));
        robot.clickOn("#newMeeting");
        await().atMost(WAIT).until(() -> app.controller.currentScreen() instanceof MeetingScreen);
        WaitForAsyncUtils.waitForFxEvents();

        robot.clickOn("#meetingTopic").write("Privacy review").type(javafx.scene.input.KeyCode.ENTER);

        if (robot.lookup("#chatInput").tryQuery().map(Visibility::shown).orElse(false) == Boolean.FALSE) {
            robot.clickOn("#chatButton");
        }
        robot.clickOn("#chatInput").write("Notes for the record");
        robot.clickOn("#chatSend");

        robot.clickOn("#shareButton");
        allow(); // screen capture
        await().atMost(WAIT).until(() -> present("#sharePicker"));
        robot.clickOn("#screenTile-1");
        robot.clickOn("#startShare");
        await().atMost(Duration.ofSeconds(40)).until(() -> present("#saveShare"));
        robot.clickOn("#saveShare");
        await().atMost(WAIT).until(() -> robot.lookup("#shareStatus").queryAs(Labeled.class).getText().startsWith("Saved"));

        robot.clickOn("#recordButton");
        allow(); // recording
        await().atMost(WAIT).until(() -> "Recording — Ada".equals(text("#recordingIndicator")));
        Thread.sleep(2000);
        robot.clickOn("#recordButton");
        await().atMost(WAIT).until(() -> robot.lookup("#recordingSaved").tryQuery().isPresent());
        robot.clickOn("#stopSharing");
        robot.clickOn("#leaveButton");
        if (robot.lookup("#leaveOnly").tryQuery().isPresent()) {
            robot.interact(() -> robot.lookup("#leaveOnly").queryAs(Button.class).fire()); // the host: leave, or end for all
        }
        await().atMost(WAIT).until(() -> !(app.controller.currentScreen() instanceof MeetingScreen));
        app.stop();
        app = null;

        DataLocations locations = DataLocations.forApp(new AppHarness(dir.resolve("home")).paths);
        assertThat(dev.confab.meeting.history.MeetingHistoryStore.of(locations.paths()).list())
                .as("the host's topic is in the history").singleElement()
                .matches(r -> "Privacy review".equals(r.topic()));
        assertThat(new dev.confab.recording.RecordingLibrary(locations.recordings()).list())
                .as("and names the recording").singleElement().matches(r -> r.file().getFileName().toString().startsWith("Privacy review"));
        Set<DataCategory> found = EnumSet.noneOf(DataCategory.class);
        for (Path file : filesIn(dir.resolve("home"))) {
            var category = DataMap.categoryOf(file, locations);
            assertThat(category).as(file + " belongs to no declared category of the data map").isPresent();
            found.add(category.get());
        }
        assertThat(found).as("the meeting wrote each of these").contains(DataCategory.SETTINGS, DataCategory.CONSENT,
                DataCategory.MEETING_HISTORY, DataCategory.SAVED_CHATS, DataCategory.RECORDINGS, DataCategory.ANNOTATIONS,
                DataCategory.LOGS, DataCategory.SERVER_IDENTITY);
        for (Locale locale : Messages.SUPPORTED) {
            String notice = NoticeText.of(locale);
            for (DataCategory category : found) {
                assertThat(notice).as(category + " in the " + locale + " notice")
                        .contains(Messages.get(locale, DataMap.of(category).key("what")));
            }
        }
    }

    /** Answers the permission dialog now open with Allow, as a new user would; the next prompt may follow at once. */
    private void allow() {
        await().atMost(WAIT).until(() -> robot.lookup("#permissionDialog").tryQuery().isPresent());
        DialogPane pane = robot.lookup("#permissionDialog").queryAs(DialogPane.class);
        robot.interact(() -> {
            ButtonType allow = pane.getButtonTypes().stream()
                    .filter(b -> b.getButtonData() == ButtonBar.ButtonData.OK_DONE).findFirst().orElseThrow();
            ((Button) pane.lookupButton(allow)).fire();
        });
        await().atMost(WAIT).until(() -> robot.lookup("#permissionDialog").tryQuery().map(p -> p != pane).orElse(true));
    }

    private void turnOnChatHistory() {
        robot.clickOn("#settingsButton");
        robot.clickOn("#keepChatHistory");
        robot.clickOn("#back");
        await().atMost(WAIT).until(() -> present("#newMeeting"));
    }

    private boolean present(String query) {
        return robot.lookup(query).tryQuery().map(Visibility::shown).orElse(false);
    }

    private String text(String query) {
        return robot.lookup(query).queryAs(Labeled.class).getText();
    }

    private static List<Path> filesIn(Path root) throws Exception {
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).toList();
        }
    }
}
