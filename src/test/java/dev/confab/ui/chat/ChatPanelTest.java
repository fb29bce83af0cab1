package dev.confab.ui.chat;

import dev.confab.meeting.ChatMessage;
import dev.confab.meeting.ChatModel;
import dev.confab.meeting.MeetingListener;
import dev.confab.meeting.MeetingSession;
import dev.confab.meeting.SessionOptions;
import dev.confab.meeting.SessionState;
import dev.confab.server.MeetingServer;
import dev.confab.signaling.ServerTrust;
import dev.confab.testing.TestServers;
import dev.confab.testing.UiTest;
import dev.confab.ui.common.UiText;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The chat panel of Ada, talking through a real loopback server with Grace's headless session. */
@UiTest
class ChatPanelTest {
    static {
        System.setProperty("testfx.headless", "false"); // JavaFX's own Headless platform, not Monocle
    }

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;
    private final FxRobot robot = new FxRobot();
    private MeetingServer server;
    private MeetingSession ada;
    private MeetingSession grace;
    private final ChatModel adaChat = new ChatModel();
    private final List<ChatMessage> graceReceived = new CopyOnWriteArrayList<>();
    private final List<String> opened = new CopyOnWriteArrayList<>();
    private final List<String> toasts = new CopyOnWriteArrayList<>();
    private ChatPanel panel;

    @BeforeEach
    void start() throws Exception {
        server = TestServers.start(TestServers.loopback());
        ada = new MeetingSession(SessionOptions.of(server.url(), "Ada", ServerTrust.systemOnly()), adaChat);
        ada.createMeeting(null);
        await().atMost(WAIT).until(() -> ada.state() instanceof SessionState.InMeeting);
        grace = new MeetingSession(SessionOptions.of(server.url(), "Grace", ServerTrust.systemOnly()), new MeetingListener() {
            @Override
            public void onChat(ChatMessage message) {
                graceReceived.add(message);
            }
        });
        grace.join(ada.roster().meetingId(), null);
        await().atMost(WAIT).until(() -> ada.roster().participants().size() == 2);

        Stage stage = FxToolkit.registerPrimaryStage();
        FxToolkit.setupFixture(() -> {
            javafx.application.Application.setUserAgentStylesheet(new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet());
            panel = new ChatPanel(new UiText(Locale.ENGLISH), adaChat,
                    (to, text) -> {
                        if (to.isEmpty()) {
                            ada.sendChat(text);
                        } else {
                            ada.sendChatTo(to, text);
                        }
                    }, opened::add, null);
            panel.setOnToast(toasts::add);
            stage.setScene(new Scene(panel, 420, 720));
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

    private boolean panelShows(String text) {
        WaitForAsyncUtils.waitForFxEvents();
        return robot.lookup(".chat-text").queryAll().stream().anyMatch(n -> flowText(n).contains(text));
    }

    private static String flowText(Node flow) {
        StringBuilder sb = new StringBuilder();
        for (Node child : ((javafx.scene.text.TextFlow) flow).getChildren()) {
            if (child instanceof javafx.scene.text.Text t) {
                sb.append(t.getText());
            } else if (child instanceof Hyperlink h) {
                sb.append(h.getText());
            }
        }
        return sb.toString();
    }

    @Test
    void enterSendsShiftEnterBreaksTheLineAndOwnMessagesAppear() {
        robot.clickOn("#chatInput").write("line one");
        robot.press(KeyCode.SHIFT).press(KeyCode.ENTER).release(KeyCode.ENTER).release(KeyCode.SHIFT);
        robot.write("line two");
        assertThat(graceReceived).isEmpty();
        robot.type(KeyCode.ENTER);

        await().atMost(WAIT).until(() -> graceReceived.size() == 1);
        assertThat(graceReceived.getFirst().text()).isEqualTo("line one\nline two");
        assertThat(graceReceived.getFirst().direct()).isFalse();
        assertThat(robot.lookup("#chatInput").queryAs(TextArea.class).getText()).isEmpty();
        await().atMost(WAIT).until(() -> panelShows("line one\nline two"));
        assertThat(robot.lookup(".chat-own").tryQuery()).isPresent();
    }

    @Test
    void receivedMessagesShowWithSenderAndCountAsUnreadWhileHidden() {
        robot.interact(() -> panel.shownProperty().set(false));
        grace.sendChat("Hi Ada 👋");
        await().atMost(WAIT).until(() -> panelShows("Hi Ada 👋"));
        assertThat(panel.unreadCount().get()).isEqualTo(1);
        assertThat(toasts).containsExactly("Grace: Hi Ada 👋");
        assertThat(robot.lookup(".chat-sender").queryAllAs(Label.class)).extracting(Label::getText).contains("Grace");

        robot.interact(() -> panel.shownProperty().set(true));
        assertThat(panel.unreadCount().get()).isZero();
    }

    @Test
    void privateMessagesAreMarkedAndGoOnlyToTheChosenParticipant() {
        ComboBox<?> picker = robot.lookup("#chatRecipient").queryAs(ComboBox.class);
        robot.interact(() -> picker.getSelectionModel().select(1));
        assertThat(robot.lookup("#chatPrivateNotice").queryAs(Label.class).getText()).contains("only Grace");
        robot.clickOn("#chatInput").write("psst");
        robot.clickOn("#chatSend");

        await().atMost(WAIT).until(() -> graceReceived.size() == 1);
        assertThat(graceReceived.getFirst().direct()).isTrue();
        await().atMost(WAIT).until(() -> robot.lookup(".chat-private-mark").queryAllAs(Label.class).stream()
                .anyMatch(l -> l.getText().equals("Private to Grace")));
    }

    @Test
    void counterTurnsRedOverTheLimitAndEmptyOrOversizeCannotBeSent() {
        Button send = robot.lookup("#chatSend").queryButton();
        Label counter = robot.lookup("#chatCounter").queryAs(Label.class);
        assertThat(send.isDisabled()).isTrue();
        assertThat(counter.getText()).isEqualTo("0 / 4,000");

        TextArea input = robot.lookup("#chatInput").queryAs(TextArea.class);
        robot.interact(() -> input.setText("😀".repeat(4000)));
        assertThat(counter.getText()).isEqualTo("4,000 / 4,000");
        assertThat(counter.getStyleClass()).doesNotContain("chat-counter-over");
        assertThat(send.isDisabled()).isFalse();

        robot.interact(() -> input.appendText("!"));
        assertThat(counter.getStyleClass()).contains("chat-counter-over");
        assertThat(send.isDisabled()).isTrue();
        robot.clickOn(input).type(KeyCode.ENTER);
        robot.interact(() -> input.setText("   "));
        robot.clickOn(input).type(KeyCode.ENTER);
        assertThat(adaChat.entries()).noneMatch(e -> e instanceof ChatModel.Message);
    }

    @Test
    void linksOpenOnlyAfterTheFullAddressWasConfirmed() {
        grace.sendChat("Agenda: https://example.org/agenda?id=7. <b>not bold</b>");
        await().atMost(WAIT).until(() -> panelShows("<b>not bold</b>"));
        Hyperlink link = robot.lookup(".chat-link").queryAs(Hyperlink.class);
        assertThat(link.getText()).isEqualTo("https://example.org/agenda?id=7");

        robot.clickOn(link);
        assertThat(robot.lookup("#chatLinkConfirm").query().isVisible()).isTrue();
        assertThat(robot.lookup("#chatLinkAddress").queryAs(Label.class).getText()).isEqualTo("https://example.org/agenda?id=7");
        robot.clickOn("#chatLinkCancel");
        assertThat(robot.lookup("#chatLinkConfirm").query().isVisible()).isFalse();
        assertThat(opened).isEmpty();

        robot.clickOn(link);
        robot.clickOn("#chatLinkOpen");
        assertThat(opened).containsExactly("https://example.org/agenda?id=7");
    }

    @Test
    void securityCodeMatchesTheOtherParticipantAndSaveWritesATranscript() throws Exception {
        String graceCode = grace.roster().securityCode();
        await().atMost(WAIT).until(() -> robot.lookup("#chatSecurityCode").queryAs(Label.class).getText()
                .equals("Security code: " + graceCode));

        grace.sendChat("Hello 你好");
        await().atMost(WAIT).until(() -> panelShows("Hello 你好"));
        Path file = dir.resolve("chat.txt");
        panel.setSaveLocation(() -> file);
        robot.clickOn("#chatSave");
        await().atMost(WAIT).until(() -> Files.exists(file));
        String saved = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(saved).contains("Grace: Hello 你好").contains("Grace joined");
        await().atMost(WAIT).until(() -> robot.lookup("#chatStatus").queryAs(Label.class).getText().contains("chat.txt"));
    }
}
