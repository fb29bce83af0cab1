package dev.confab.ui.meeting;

import dev.confab.meeting.MeetingSession;
import dev.confab.ui.chat.FileSending;
import dev.confab.ui.common.UiText;
import dev.confab.ui.recording.FileActions;
import javafx.scene.Node;
import javafx.stage.FileChooser;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The chat's files in a real meeting: sent through the session, saved where the user chooses (file dialog),
 * opened with the desktop's program after a copy is kept in the Received files folder. FX thread.
 */
final class SessionFileSending implements FileSending {

    private final MeetingSession session;
    private final UiText text;
    private final Node owner;
    private final Path receivedFolder;

    SessionFileSending(MeetingSession session, UiText text, Node owner, Path receivedFolder) {
        this.session = session;
        this.text = text;
        this.owner = owner;
        this.receivedFolder = receivedFolder;
    }

    @Override
    public void send(List<Integer> to, Path file) {
        session.sendFile(file, to);
    }

    @Override
    public void cancel(int transferId) {
        session.cancelFile(transferId);
    }

    @Override
    public Path chooseSaveLocation(String suggestedName) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(text.get("chat.file.save.title"));
        chooser.setInitialFileName(suggestedName);
        File file = chooser.showSaveDialog(owner.getScene() == null ? null : owner.getScene().getWindow());
        return file == null ? null : file.toPath();
    }

    @Override
    public void open(Path file) throws IOException {
        FileActions.desktop().play(file);
    }

    @Override
    public Path receivedFolder() {
        return receivedFolder;
    }

    @Override
    public List<Path> chooseFilesToSend() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(text.get("chat.file.attach"));
        List<File> chosen = chooser.showOpenMultipleDialog(owner.getScene() == null ? null : owner.getScene().getWindow());
        return chosen == null ? List.of() : chosen.stream().map(File::toPath).toList();
    }
}
