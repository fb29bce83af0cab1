package dev.confab.ui.recording;

import dev.confab.recording.RecordingLibrary;
import dev.confab.recording.RecordingMarker;
import dev.confab.recording.TestRecordings;
import dev.confab.testing.UiTest;
import dev.confab.ui.common.UiMessage;
import dev.confab.ui.common.UiText;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The recordings list and the launch-time recovery prompt, on real recording files. */
@UiTest
class RecordingsViewTest {
    static {
        System.setProperty("testfx.headless", "false");
    }

    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path folder;

    private final FxRobot robot = new FxRobot();
    private final ExecutorService io = Executors.newSingleThreadExecutor();
    private final List<String> handedToDesktop = new CopyOnWriteArrayList<>();
    private final List<UiMessage> notices = new CopyOnWriteArrayList<>();
    private Stage stage;
    private RecordingsView view;
    private dev.confab.storage.SealedFiles keys = dev.confab.storage.SealedFiles.PLAIN;
    private Path exportFolder;

    private final FileActions desktop = new FileActions() {
        @Override
        public void play(Path file) {
            handedToDesktop.add("play " + file.getFileName());
        }

        @Override
        public void reveal(Path file) {
            handedToDesktop.add("reveal " + file.getFileName());
        }
    };

    @BeforeEach
    void stage() throws Exception {
        stage = FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.setupFixture(() -> stage.setScene(null));
        io.shutdownNow();
    }

    @Test
    void listsARecordingPlaysRevealsAndDeletesItAfterConfirmation() throws Exception {
        Path file = TestRecordings.record(folder.resolve("Standup 2026-11-23 10-00.mp4"), "Standup",
                Instant.parse("2026-11-23T09:00:00Z"), 2);
        Files.writeString(RecordingLibrary.chatTranscriptFor(file), "Ada: hi\n");
        show();

        await().atMost(WAIT).until(() -> view.table().getItems().size() == 1);
        assertThat(view.table().getItems().getFirst().meeting()).isEqualTo("Standup");
        assertThat(RecordingsView.formatDuration(view.table().getItems().getFirst().duration())).isEqualTo("0:02");
        robot.interact(() -> view.table().getSelectionModel().select(0));
        robot.clickOn("#playRecording");
        robot.clickOn("#revealRecording");
        await().atMost(WAIT).until(() -> handedToDesktop.size() == 2);
        assertThat(handedToDesktop).containsExactly("play " + file.getFileName(), "reveal " + file.getFileName());

        robot.clickOn("#deleteRecording");
        assertThat(robot.lookup("#deleteRecordingQuestion").queryAs(Labeled.class).getText())
                .isEqualTo("Delete the recording \"Standup 2026-11-23 10-00.mp4\"? This cannot be undone.");
        robot.clickOn("#cancelDeleteRecording");
        assertThat(file).exists();

        robot.clickOn("#deleteRecording");
        robot.clickOn("#confirmDeleteRecording");
        await().atMost(WAIT).until(() -> view.table().getItems().isEmpty());
        assertThat(file).doesNotExist();
        assertThat(RecordingLibrary.chatTranscriptFor(file)).doesNotExist();
    }

    @Test
    void anEncryptedRecordingShowsALockPlaysThroughADecryptedCopyAndExportsAsAnOrdinaryVideo() throws Exception {
        keys = new dev.confab.storage.SealedFiles(new dev.confab.storage.MemoryVault());
        exportFolder = Files.createDirectories(folder.resolve("Exports"));
        Path file = TestRecordings.recordEncrypted(folder, "Board", java.time.ZonedDateTime.parse("2026-12-06T10:00:00+01:00"), 2, keys);
        show();

        await().atMost(WAIT).until(() -> view.table().getItems().size() == 1);
        assertThat(view.table().getItems().getFirst().meeting()).isEqualTo("Board");
        assertThat(robot.lookup(".table-cell").queryAll().stream()
                .anyMatch(cell -> "Encrypted".equals(cell.getAccessibleText()))).as("a lock with its accessible text").isTrue();
        robot.interact(() -> view.table().getSelectionModel().select(0));
        robot.clickOn("#playRecording");
        await().atMost(WAIT).until(() -> handedToDesktop.size() == 1);
        assertThat(handedToDesktop.getFirst()).as("the player gets a hidden decrypted copy, not the encrypted file")
                .isEqualTo("play .Board 2026-12-06 10-00.playing.mp4");
        assertThat(dev.confab.media.MediaFileInfo.read(folder.resolve(".Board 2026-12-06 10-00.playing.mp4")).hasVideo()).isTrue();

        robot.clickOn("#exportRecording");
        Path exported = exportFolder.resolve("Board.mp4");
        await().atMost(WAIT).until(() -> Files.exists(exported));
        await().atMost(WAIT).until(() -> robot.lookup("#recordingsStatus").queryAs(Labeled.class).getText()
                .equals("Exported to " + exported));
        assertThat(dev.confab.media.MediaFileInfo.read(exported).duration()).isGreaterThan(Duration.ofMillis(1500));
        assertThat(file).as("the encrypted original stays").exists();
    }

    @Test
    void anUnfinishedRecordingIsOfferedOnLaunchAndKeptInTheList() throws Exception {
        Path file = TestRecordings.record(folder.resolve("Retro 2026-11-23 10-00.mp4"), "Retro",
                Instant.now().minusSeconds(60), 2);
        writeMarkerOfACrashedApp(file);
        assertThat(new RecordingLibrary(folder).list()).as("hidden while unfinished").isEmpty();

        FxToolkit.setupFixture(() -> {
            stage.setScene(new Scene(new javafx.scene.layout.StackPane(), 400, 300));
            stage.show();
            new RecoveryPrompt(new UiText(Locale.ENGLISH), folder, keys, io, stage, notices::add).start();
        });
        await().atMost(WAIT).until(() -> robot.lookup("#recoveryKeep").tryQuery().isPresent());
        assertThat(robot.lookup(".dialog-pane .content").queryAs(Labeled.class).getText())
                .startsWith("Confab closed while recording Retro");
        robot.clickOn("#recoveryKeep");

        await().atMost(WAIT).until(() -> !Files.exists(RecordingMarker.markerFor(file)));
        show();
        await().atMost(WAIT).until(() -> view.table().getItems().size() == 1);
        assertThat(view.table().getItems().getFirst().duration()).isGreaterThan(Duration.ofMillis(1500));
        assertThat(notices).isEmpty();
    }

    private void show() throws Exception {
        FxToolkit.setupFixture(() -> {
            view = new RecordingsView(new UiText(Locale.ENGLISH), folder, keys, desktop,
                    (owner, title, startIn) -> java.util.Optional.ofNullable(exportFolder), io, () -> { });
            Scene scene = new Scene(view.view(), 900, 600);
            scene.getStylesheets().add(UiText.class.getResource("confab.css").toExternalForm());
            stage.setScene(scene);
            stage.show();
        });
    }

    /** The marker a recording app leaves while writing, from a process that has since ended. */
    private static void writeMarkerOfACrashedApp(Path file) throws IOException, InterruptedException {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Files.writeString(RecordingMarker.markerFor(file), "{\"file\":\"" + file.getFileName() + "\",\"meeting\":\"Retro\","
                + "\"startedAt\":\"" + Instant.now().minusSeconds(60) + "\",\"pid\":" + gone.pid() + "}");
    }
}
