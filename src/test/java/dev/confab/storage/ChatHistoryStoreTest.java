package dev.confab.storage;

import dev.confab.testing.UnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

@UnitTest
class ChatHistoryStoreTest {

    @TempDir
    Path dir;

    @Test
    void nothingIsKeptUnlessTheUserTurnedItOn() throws Exception {
        ChatHistoryStore store = new ChatHistoryStore(AppPaths.under(dir));
        assertThat(Settings.defaults().keepChatHistory()).isFalse();
        assertThat(new Settings(1, null, null, null, null, null, null, true, true, null, null, null).keepChatHistory()).isFalse();
        assertThat(store.open(Settings.defaults(), "4842628111", Instant.now())).isNull();
        assertThat(store.list()).isEmpty();
        assertThat(store.folder()).doesNotExist();
    }

    @Test
    void whenOnEachVisitIsAnOwnerOnlyTextFileInChatHistory() throws Exception {
        ChatHistoryStore store = new ChatHistoryStore(AppPaths.under(dir));
        ChatHistoryStore.Transcript transcript = store.open(Settings.defaults().withKeepChatHistory(true),
                "484 262 8111", Instant.parse("2026-11-23T10:15:00Z"));
        transcript.append("[10:15] Ada: hello 你好 👋");
        transcript.append("[10:16] Grace: hi");

        assertThat(store.list()).containsExactly(transcript.file());
        assertThat(transcript.file().getParent()).isEqualTo(dir.resolve("data").resolve("chat-history"));
        assertThat(transcript.file().getFileName().toString()).isEqualTo("4842628111-20261123-101500.txt");
        assertThat(Files.readAllLines(transcript.file())).containsExactly("[10:15] Ada: hello 你好 👋", "[10:16] Grace: hi");
        if (Files.getFileAttributeView(transcript.file(), java.nio.file.attribute.PosixFileAttributeView.class) != null) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(transcript.file()))).isEqualTo("rw-------");
        }
    }
}
