package dev.confab.ui.share;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.Optional;

/**
 * Screen sharing as the meeting screen shows it, without nodes: who shares (in the order they started; the latest
 * takes the middle of the screen), whether this user shares (banner and Stop shown, Share disabled), who may
 * annotate each share, and the host's "several sharers" policy. Plain and synchronous; FX thread.
 */
public final class ShareViewModel {
    /** No share is on stage. */
    public static final int NOBODY = -1;

    /** One running share. {@code annotationAllowed}: this user may draw on it (always on their own). */
    public record Sharer(int id, String name, boolean self, boolean annotationAllowed) {
    }

    private final ObservableList<Sharer> sharers = FXCollections.observableArrayList();
    private final ObservableList<Sharer> sharersReadOnly = FXCollections.unmodifiableObservableList(sharers);
    private final ReadOnlyIntegerWrapper onStage = new ReadOnlyIntegerWrapper(NOBODY);
    private final ReadOnlyBooleanWrapper sharingOwnScreen = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper multipleSharersAllowed = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper someoneElseBlocksSharing = new ReadOnlyBooleanWrapper();

    public void shareStarted(int sharerId, String name, boolean self, boolean viewersMayAnnotate) {
        sharers.removeIf(s -> s.id() == sharerId);
        sharers.add(new Sharer(sharerId, name, self, self || viewersMayAnnotate));
        if (self) {
            sharingOwnScreen.set(true);
        }
        update();
    }

    /** The sharer changed whether viewers may draw; one's own share always allows it. */
    public void annotationPermissionChanged(int sharerId, boolean viewersMayAnnotate) {
        sharers.replaceAll(s -> s.id() == sharerId && !s.self()
                ? new Sharer(s.id(), s.name(), false, viewersMayAnnotate) : s);
    }

    public void shareEnded(int sharerId, boolean self) {
        sharers.removeIf(s -> s.id() == sharerId);
        if (self) {
            sharingOwnScreen.set(false);
        }
        update();
    }

    public void showPolicy(boolean allowed) {
        multipleSharersAllowed.set(allowed);
        update();
    }

    public Optional<Sharer> sharer(int sharerId) {
        return sharers.stream().filter(s -> s.id() == sharerId).findFirst();
    }

    public ObservableList<Sharer> sharers() {
        return sharersReadOnly;
    }

    /** Whose share is in the middle of the screen (the latest to start), or {@link #NOBODY}: the grid. */
    public ReadOnlyIntegerProperty onStageProperty() {
        return onStage.getReadOnlyProperty();
    }

    /** This user shares: the banner and the floating Stop show, and Share is disabled (one share per client). */
    public ReadOnlyBooleanProperty sharingOwnScreenProperty() {
        return sharingOwnScreen.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty multipleSharersAllowedProperty() {
        return multipleSharersAllowed.getReadOnlyProperty();
    }

    /**
     * Someone else shares and the host allows only one sharer: the server would refuse a share now. Share stays
     * clickable so the refusal is explained; the view may say so beforehand.
     */
    public ReadOnlyBooleanProperty someoneElseBlocksSharingProperty() {
        return someoneElseBlocksSharing.getReadOnlyProperty();
    }

    private void update() {
        onStage.set(sharers.isEmpty() ? NOBODY : sharers.getLast().id());
        someoneElseBlocksSharing.set(!multipleSharersAllowed.get() && sharers.stream().anyMatch(s -> !s.self()));
    }
}
