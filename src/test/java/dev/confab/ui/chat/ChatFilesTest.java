package dev.confab.ui.chat;

import dev.confab.meeting.ChatModel;
import dev.confab.meeting.CompositeMeetingListener;
import dev.confab.meeting.MeetingListener;
import dev.confab.meeting.MeetingSession;
import dev.confab.meeting.SessionOptions;
import dev.confab.meeting.SessionState;
import dev.confab.meeting.files.FileFailure;
import dev.confab.meeting.files.FileSendStatus;
import dev.confab.meeting.files.ReceivedFile;
import dev.confab.server.MeetingServer;
import dev.confab.signaling.ServerTrust;
import dev.confab.testing.TestServers;
import dev.confab.testing.UiTest;
import dev.confab.ui.common.UiText;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Files in Ada's chat panel, sent and received through a real loopback server with Grace's headless session. */
@UiTest
class ChatFilesTest {
    static {
        System.setProperty("testfx.headless", "false"); // JavaFX's own Headless platform, not Monocle
    }

    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path dir;
    private final FxRobot robot = new FxRobot();
    private MeetingServer server;
    private MeetingSession ada;
    private MeetingSession grace;
    private final List<ReceivedFile> graceReceived = new CopyOnWriteArrayList<>();
    private final List<Path> opened = new CopyOnWriteArrayList<>();
    private ChatPanel panel;
    private Path toSend;

    /** Ada's desktop: save dialogs answer with a folder of the test, "open" is only recorded. */
    private final class Desk implements FileSending {
        @Override
        public void send(List<Integer> to, Path file) {
            ada.sendFile(file, to);
        }

        @Override
        public void cancel(int transferId) {
            ada.cancelFile(transferId);
        }

        @Override
        public Path chooseSaveLocation(String suggestedName) {
            return dir.resolve("chosen").resolve(suggestedName);
        }

        @Override
        public void open(Path file) {
            opened.add(file);
        }

        @Override
        public Path receivedFolder() {
            return dir.resolve("received");
        }

        @Override
        public List<Path> chooseFilesToSend() {
            return List.of(toSend);
        }
    }

    @BeforeEach
    void start() throws Exception {
        server = TestServers.start(TestServers.loopback());
        ChatModel adaChat = new ChatModel();
        ChatFiles adaFiles = new ChatFiles(Platform::runLater);
        ada = new MeetingSession(SessionOptions.of(server.url(), "Ada", ServerTrust.systemOnly()),
                new CompositeMeetingListener(adaChat, new MeetingListener() {
                    @Override
                    public void onFileReceived(ReceivedFile file) {
                        adaFiles.received(file);
                    }

                    @Override
                    public void onFileSendProgress(FileSendStatus status) {
                        adaFiles.progress(status);
                    }

                    @Override
                    public void onFileFailed(FileFailure failure) {
                        adaFiles.failed(failure);
                    }
                }));
        ada.createMeeting(null);
        await().atMost(WAIT).until(() -> ada.state() instanceof SessionState.InMeeting);
        grace = new MeetingSession(SessionOptions.of(server.url(), "Grace", ServerTrust.systemOnly()), new MeetingListener() {
            @Override
            public void onFileReceived(ReceivedFile file) {
                graceReceived.add(file);
            }
        });
        grace.join(ada.roster().meetingId(), null);
        await().atMost(WAIT).until(() -> ada.roster().participants().size() == 2
                && grace.roster().participants().size() == 2);

        Stage stage = FxToolkit.registerPrimaryStage();
        FxToolkit.setupFixture(() -> {
            javafx.application.Application.setUserAgentStylesheet(new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet());
            panel = new ChatPanel(new UiText(Locale.ENGLISH), adaChat, (to, text) -> ada.sendChat(text), url -> { }, null);
            panel.enableFiles(adaFiles, new Desk());
            stage.setScene(new Scene(panel, 420, 760));
            stage.show();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    @AfterEach
    void stop() throws Exception {
        FxToolkit.setupFixture(() -> panel.dispose());
        grace.close();
        ada.close();
        server.stop();
    }

    private Path file(String name, String content) throws IOException {
        Path file = dir.resolve("outbox").resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }

    private boolean shows(String selector) {
        WaitForAsyncUtils.waitForFxEvents();
        return robot.lookup(selector).tryQuery().isPresent();
    }

    @Test
    void aReceivedFileShowsItsDetailsAndIsWrittenOnlyWhenSaved() throws Exception {
        String content = "Q3 revenue,42\n";
        grace.sendFile(file("figures.csv", content), List.of());
        await().atMost(WAIT).until(() -> shows(".chat-file-card"));
        assertThat(robot.lookup(".chat-file-name").queryLabeled().getText()).isEqualTo("figures.csv");
        assertThat(robot.lookup(".chat-file-details").queryLabeled().getText())
                .isEqualTo("14 B · CSV · from Grace");
        assertThat(shows("#chatFileWarning")).as("a spreadsheet as text runs nothing").isFalse();
        assertThat(dir.resolve("received")).as("nothing on disk before Save").doesNotExist();
        assertThat(dir.resolve("chosen")).doesNotExist();

        robot.clickOn("#chatFileShowHash");
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content.getBytes()));
        assertThat(robot.lookup("#chatFileHash").queryAs(TextField.class).getText()).isEqualTo(expected);

        robot.clickOn("#chatFileSave");
        Path saved = dir.resolve("chosen").resolve("figures.csv");
        await().atMost(WAIT).until(() -> Files.exists(saved));
        assertThat(Files.readString(saved)).isEqualTo(content);
        await().atMost(WAIT).until(() -> robot.lookup("#chatFileOutcome").queryLabeled().getText()
                .equals("Saved to " + saved));
        assertThat(opened).isEmpty();

        robot.clickOn("#chatFileDismiss");
        await().atMost(WAIT).until(() -> !shows(".chat-file-card"));
    }

    @Test
    void anExecutableIsFlaggedAndOpenKeepsACopyInReceivedFilesFirst() throws Exception {
        grace.sendFile(file("invoice.exe", "MZ not really"), List.of(ada.roster().selfId()));
        await().atMost(WAIT).until(() -> shows("#chatFileWarning"));
        assertThat(robot.lookup("#chatFileWarning").queryLabeled().getText()).contains("run a program").contains("Grace");
        assertThat(robot.lookup(".chat-file-details").queryLabeled().getText()).endsWith("only to you");
        Button open = robot.lookup("#chatFileOpen").queryButton();
        assertThat(open.getText()).isEqualTo("Open anyway");

        robot.clickOn(open);
        await().atMost(WAIT).until(() -> !opened.isEmpty());
        assertThat(opened.getFirst()).isEqualTo(dir.resolve("received").resolve("invoice.exe"));
        assertThat(Files.readString(opened.getFirst())).isEqualTo("MZ not really");
    }

    @Test
    void theAttachButtonSendsToThePickedRecipientsAndShowsWhenItArrived() throws Exception {
        toSend = file("slides.pdf", "%PDF-1.7 slides");
        Button attach = robot.lookup("#chatAttach").queryButton();
        assertThat(attach.getAccessibleText()).isEqualTo("Send a file");
        assertThat(attach.getTooltip().getText()).contains("end-to-end encrypted");

        robot.clickOn(attach);
        await().atMost(WAIT).until(() -> graceReceived.size() == 1);
        assertThat(graceReceived.getFirst().name()).isEqualTo("slides.pdf");
        assertThat(new String(graceReceived.getFirst().content())).isEqualTo("%PDF-1.7 slides");
        await().atMost(WAIT).until(() -> shows("#chatFileState")
                && robot.lookup("#chatFileState").queryAs(Label.class).getText().startsWith("Sent to everyone"));
    }
}
