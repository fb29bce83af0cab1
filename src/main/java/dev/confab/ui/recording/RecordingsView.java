package dev.confab.ui.recording;

import atlantafx.base.theme.Styles;
import dev.confab.recording.RecordingEntry;
import dev.confab.recording.RecordingFileNames;
import dev.confab.recording.RecordingLibrary;
import dev.confab.storage.SealedFiles;
import dev.confab.ui.common.FolderChooser;
import dev.confab.ui.common.Icons;
import dev.confab.ui.common.Screen;
import dev.confab.ui.common.UiText;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignD;
import org.kordamp.ikonli.materialdesign2.MaterialDesignE;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignL;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * The recordings on this computer: date, meeting, length, size, a lock on encrypted ones; play in the system
 * player (an encrypted one through a decrypted temporary copy), export as an ordinary video into a chosen
 * folder, show in the file manager, delete after an inline confirmation. Disk work runs on {@code io}, never on
 * the JavaFX thread.
 */
public final class RecordingsView implements Screen {
    private static final Logger LOG = LoggerFactory.getLogger(RecordingsView.class);

    private final UiText text;
    private final RecordingLibrary library;
    private final FileActions files;
    private final FolderChooser chooser;
    private final Executor io;
    private final TableView<RecordingEntry> table = new TableView<>();
    private final Label status = new Label();
    private final VBox confirmBox = new VBox(8);
    private final Label confirmText = new Label();
    private final Parent view;

    /** @param keys opens encrypted recordings' keys (the home's at-rest files) */
    public RecordingsView(UiText text, Path folder, SealedFiles keys, FileActions files, FolderChooser chooser,
                          Executor io, Runnable onBack) {
        this.text = text;
        this.library = new RecordingLibrary(folder, keys);
        this.files = files;
        this.chooser = chooser;
        this.io = io;

        Button back = new Button(null, Icons.of(MaterialDesignA.ARROW_LEFT));
        back.setId("recordingsBack");
        back.textProperty().bind(text.bind("recordings.back"));
        back.getStyleClass().add(Styles.FLAT);
        back.setOnAction(e -> onBack.run());
        Label title = new Label();
        title.textProperty().bind(text.bind("recordings.title"));
        title.getStyleClass().add(Styles.TITLE_3);
        HBox heading = new HBox(12, back, title);
        heading.setAlignment(Pos.CENTER_LEFT);
        Label where = new Label();
        where.setId("recordingsFolder");
        where.setWrapText(true);
        where.textProperty().bind(text.bind("recordings.folder", folder.toString()));
        where.getStyleClass().add(Styles.TEXT_MUTED);

        buildTable();
        Button play = action("playRecording", "recordings.play", MaterialDesignP.PLAY);
        play.setOnAction(e -> withSelected(entry -> files.play(library.playableCopy(entry))));
        Button export = action("exportRecording", "recordings.export", MaterialDesignE.EXPORT);
        export.setOnAction(e -> exportSelected());
        Button reveal = action("revealRecording", "recordings.reveal", MaterialDesignF.FOLDER_OPEN);
        reveal.setOnAction(e -> withSelected(entry -> files.reveal(entry.file())));
        Button delete = action("deleteRecording", "recordings.delete", MaterialDesignD.DELETE);
        delete.getStyleClass().add(Styles.DANGER);
        delete.setOnAction(e -> askToDelete());
        for (Button b : List.of(play, export, reveal, delete)) {
            b.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        }
        HBox actions = new HBox(10, play, export, reveal, delete);

        buildConfirm();
        status.setId("recordingsStatus");
        status.setWrapText(true);
        VBox card = new VBox(14, heading, where, table, actions, confirmBox, status);
        card.getStyleClass().addAll("card", "recordings");
        VBox.setVgrow(table, Priority.ALWAYS);
        card.setId("recordings");
        this.view = card;
        refresh();
    }

    @Override
    public String name() {
        return "recordings";
    }

    @Override
    public Parent view() {
        return view;
    }

    public TableView<RecordingEntry> table() {
        return table;
    }

    /** Re-reads the folder on the io thread. */
    public void refresh() {
        io.execute(() -> {
            try {
                List<RecordingEntry> entries = library.list();
                Platform.runLater(() -> table.getItems().setAll(entries));
            } catch (IOException | RuntimeException e) {
                LOG.warn("Cannot list recordings", e);
                Platform.runLater(() -> status.setText(text.get("recordings.failed", String.valueOf(e.getMessage()))));
            }
        });
    }

    private void buildTable() {
        table.setId("recordingsTable");
        Label empty = new Label();
        empty.textProperty().bind(text.bind("recordings.empty"));
        table.setPlaceholder(empty);
        // Fixed shares of the table's width: the constrained policies adjust columns step by step from
        // whatever width the table had first, so the same list could come out laid out two ways.
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        TableColumn<RecordingEntry, String> date = column("recordings.date");
        date.setCellValueFactory(c -> new ReadOnlyStringWrapper(DateTimeFormatter.ofLocalizedDateTime(FormatStyle.SHORT)
                .withLocale(text.locale()).withZone(ZoneId.systemDefault()).format(c.getValue().startedAt())));
        TableColumn<RecordingEntry, String> meeting = column("recordings.meeting");
        meeting.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().meeting()));
        TableColumn<RecordingEntry, String> duration = column("recordings.duration");
        duration.setCellValueFactory(c -> new ReadOnlyStringWrapper(formatDuration(c.getValue().duration())));
        TableColumn<RecordingEntry, String> size = column("recordings.size");
        size.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(formatSize(c.getValue().sizeBytes())));
        TableColumn<RecordingEntry, Boolean> lock = new TableColumn<>();
        lock.setSortable(false);
        lock.setCellValueFactory(c -> new javafx.beans.property.ReadOnlyBooleanWrapper(c.getValue().encrypted()).getReadOnlyProperty());
        lock.setCellFactory(column -> new EncryptedCell(text));
        table.getColumns().setAll(List.of(lock, date, meeting, duration, size));
        shareOfWidth(lock, 0.05);
        shareOfWidth(date, 0.22);
        shareOfWidth(meeting, 0.37);
        shareOfWidth(duration, 0.15);
        shareOfWidth(size, 0.19); // 2 % left for the border and a scroll bar
    }

    private void shareOfWidth(TableColumn<RecordingEntry, ?> column, double share) {
        column.setResizable(false);
        column.prefWidthProperty().bind(table.widthProperty().multiply(share));
    }

    private TableColumn<RecordingEntry, String> column(String key) {
        TableColumn<RecordingEntry, String> column = new TableColumn<>();
        column.textProperty().bind(text.bind(key));
        column.setSortable(false);
        return column;
    }

    private void buildConfirm() {
        confirmText.setWrapText(true);
        confirmText.setId("deleteRecordingQuestion");
        Button confirm = new Button();
        confirm.setId("confirmDeleteRecording");
        confirm.textProperty().bind(text.bind("recordings.deleteButton"));
        confirm.getStyleClass().addAll(Styles.DANGER, Styles.ACCENT);
        Button cancel = new Button();
        cancel.setId("cancelDeleteRecording");
        cancel.textProperty().bind(text.bind("recordings.cancel"));
        cancel.setOnAction(e -> confirmBox.setVisible(false));
        confirm.setOnAction(e -> deleteSelected());
        confirmBox.getChildren().setAll(confirmText, new HBox(12, cancel, confirm));
        confirmBox.getStyleClass().addAll("notice", "notice-danger");
        confirmBox.setVisible(false);
        confirmBox.managedProperty().bind(confirmBox.visibleProperty());
    }

    private void askToDelete() {
        RecordingEntry entry = table.getSelectionModel().getSelectedItem();
        if (entry != null) {
            confirmText.textProperty().bind(text.bind("recordings.deleteConfirm", entry.file().getFileName().toString()));
            confirmBox.setVisible(true);
        }
    }

    private void deleteSelected() {
        RecordingEntry entry = table.getSelectionModel().getSelectedItem();
        confirmBox.setVisible(false);
        if (entry == null) {
            return;
        }
        io.execute(() -> {
            try {
                library.delete(entry);
                refresh();
            } catch (IOException | RuntimeException e) {
                LOG.warn("Cannot delete {}", entry.file(), e);
                Platform.runLater(() -> status.setText(text.get("recordings.failed", String.valueOf(e.getMessage()))));
            }
        });
    }

    /** A lock on encrypted recordings, with the reason as accessible text and tooltip. */
    private static final class EncryptedCell extends javafx.scene.control.TableCell<RecordingEntry, Boolean> {
        private final UiText text;

        EncryptedCell(UiText text) {
            this.text = text;
        }

        @Override
        protected void updateItem(Boolean item, boolean empty) {
            super.updateItem(item, empty);
            boolean encrypted = !empty && Boolean.TRUE.equals(item);
            setGraphic(encrypted ? Icons.of(MaterialDesignL.LOCK) : null);
            setAccessibleText(encrypted ? text.get("recordings.encrypted") : null);
            setTooltip(encrypted ? new javafx.scene.control.Tooltip(text.get("recordings.encryptedTooltip")) : null);
        }
    }

    /** Asks for a folder, then writes the selected recording there as an ordinary MP4 on the io thread. */
    private void exportSelected() {
        RecordingEntry entry = table.getSelectionModel().getSelectedItem();
        if (entry == null) {
            return;
        }
        java.util.Optional<Path> target = chooser.choose(view.getScene() == null ? null : view.getScene().getWindow(),
                text.get("recordings.exportTitle"), entry.file().getParent());
        target.ifPresent(folder -> io.execute(() -> {
            try {
                Path file = RecordingFileNames.uniqueFile(folder, entry.meeting().isBlank() ? "Recording"
                        : RecordingFileNames.sanitize(entry.meeting()), "mp4");
                library.export(entry, file);
                Platform.runLater(() -> status.setText(text.get("recordings.exported", file.toString())));
            } catch (IOException | RuntimeException e) {
                LOG.warn("Cannot export {}: {}", entry.file(), e.toString());
                Platform.runLater(() -> status.setText(text.get("recordings.failed", String.valueOf(e.getMessage()))));
            }
        }));
    }

    private interface FileAction {
        void run(RecordingEntry entry) throws IOException;
    }

    private void withSelected(FileAction action) {
        RecordingEntry entry = table.getSelectionModel().getSelectedItem();
        if (entry == null) {
            return;
        }
        io.execute(() -> {
            try {
                action.run(entry);
            } catch (IOException | RuntimeException | LinkageError e) {
                // No desktop integration (or no player): the path still tells the user where the file is; an
                // encrypted recording that cannot be opened says why.
                LOG.info("Cannot hand {} to the desktop: {}", entry.file(), e.toString());
                String detail = entry.encrypted() ? e.getMessage() : entry.file().toString();
                Platform.runLater(() -> status.setText(text.get("recordings.failed", String.valueOf(detail))));
            }
        });
    }

    private Button action(String id, String key, org.kordamp.ikonli.Ikon icon) {
        Button b = new Button(null, Icons.of(icon));
        b.setId(id);
        b.textProperty().bind(text.bind(key));
        return b;
    }

    static String formatDuration(Duration d) {
        long s = d.toSeconds();
        return s >= 3600 ? String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format("%d:%02d", s / 60, s % 60);
    }

    static String formatSize(long bytes) {
        if (bytes >= 1024L * 1024 * 1024) {
            return String.format("%.1f GB", bytes / (1024.0 * 1024 * 1024));
        }
        if (bytes >= 1024L * 1024) {
            return String.format("%.1f MB", bytes / (1024.0 * 1024));
        }
        return String.format("%d KB", Math.max(1, bytes / 1024));
    }
}
