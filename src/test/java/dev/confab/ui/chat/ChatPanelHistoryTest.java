package dev.confab.ui.chat;

import dev.confab.meeting.Attendee;
import dev.confab.meeting.ChatMessage;
import dev.confab.meeting.ChatModel;
import dev.confab.meeting.Roster;
import dev.confab.storage.AppPaths;
import dev.confab.storage.ChatHistoryStore;
import dev.confab.storage.Settings;
import dev.confab.testing.UiTest;
import dev.confab.ui.common.UiText;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The panel fed directly through its model (no server): kept history and toasts for private messages. */
@UiTest
class ChatPanelHistoryTest {
    static {
        System.setProperty("testfx.headless", "false");
    }

    @TempDir
    Path dir;
    private ChatPanel panel;

    @AfterEach
    void stop() throws Exception {
        FxToolkit.setupFixture(() -> panel.dispose());
    }

    @Test
    void withKeepChatHistoryOnEveryEntryIsAppendedAndPrivateToastsSaySo() throws Exception {
        ChatModel model = new ChatModel();
        Instant t = Instant.now();
        Attendee ada = new Attendee(1, "Ada", true, false, false, false, false, true, t);
        Attendee grace = new Attendee(2, "Grace", false, false, false, false, false, true, t);
        model.onRosterChanged(new Roster("4842628111", 1, 1, false, false, List.of(ada, grace), List.of()));
        ChatHistoryStore store = new ChatHistoryStore(AppPaths.under(dir));
        ChatHistoryStore.Transcript transcript = store.open(Settings.defaults().withKeepChatHistory(true), "4842628111", t);
        List<String> toasts = new CopyOnWriteArrayList<>();
        Stage stage = FxToolkit.registerPrimaryStage();
        FxToolkit.setupFixture(() -> {
            panel = new ChatPanel(new UiText(Locale.ENGLISH), model, (to, text) -> { }, url -> { }, transcript);
            panel.setOnToast(toasts::add);
            panel.shownProperty().set(false);
            stage.setScene(new Scene(panel, 400, 600));
            stage.show();
        });

        model.onChat(new ChatMessage(2, "Grace", "just between us\nsecond line", true, t, List.of(1)));
        model.onChatSent(new ChatMessage(1, "Ada", "ok 👍", false, t, List.of(2)));

        await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(transcript.file())
                && Files.readString(transcript.file()).contains("ok 👍"));
        String kept = Files.readString(transcript.file());
        assertThat(kept).contains("Grace (private): just between us\n    second line").contains("You: ok 👍");
        assertThat(toasts).containsExactly("Private from Grace: just between us\nsecond line");
        assertThat(panel.unreadCount().get()).isEqualTo(1);
    }
}
