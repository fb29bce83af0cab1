package dev.confab.ui.meeting;

import dev.confab.meeting.Attendee;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * One participant as the tile and the participant list show them; updated in place while they stay, so a
 * tile bound to it keeps its video. {@link #label()} is the roster's label ("Lin #7" while two are called Lin);
 * the view adds "(you)". For oneself, muted and camera follow the local switches at once, before the server
 * echoes them.
 */
public final class ParticipantRow {
    private final int id;
    private final boolean self;
    private final ReadOnlyObjectWrapper<Attendee> attendee = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper label = new ReadOnlyStringWrapper();
    private final ReadOnlyBooleanWrapper host = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper muted = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper cameraOn = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper speaking = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper sharing = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper recording = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper connected = new ReadOnlyBooleanWrapper(true);
    /** Place in the raised-hand queue, 1 for the first; 0 while the hand is down. */
    private final javafx.beans.property.ReadOnlyIntegerWrapper handPosition = new javafx.beans.property.ReadOnlyIntegerWrapper();
    /** The reaction shown for a moment (one of {@code Reactions.ALLOWED}), or null. */
    private final ReadOnlyStringWrapper reaction = new ReadOnlyStringWrapper();

    ParticipantRow(Attendee participant, boolean self, String label) {
        this.id = participant.id();
        this.self = self;
        update(participant, label);
    }

    void update(Attendee now, String nowLabel) {
        attendee.set(now);
        label.set(nowLabel);
        host.set(now.host());
        muted.set(now.muted());
        cameraOn.set(now.cameraOn());
        sharing.set(now.sharing());
        recording.set(now.recording());
        connected.set(now.connected());
    }

    /** Own row: the local switches win over what the server last said. */
    void showOwn(boolean nowMuted, boolean nowCameraOn) {
        muted.set(nowMuted);
        cameraOn.set(nowCameraOn);
    }

    void setHandPosition(int value) {
        handPosition.set(value);
    }

    void setReaction(String emoji) {
        reaction.set(emoji);
    }

    public javafx.beans.property.ReadOnlyIntegerProperty handPositionProperty() {
        return handPosition.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty reactionProperty() {
        return reaction.getReadOnlyProperty();
    }

    void setSpeaking(boolean value) {
        speaking.set(value);
    }

    public int id() {
        return id;
    }

    public boolean self() {
        return self;
    }

    public Attendee attendee() {
        return attendee.get();
    }

    public ReadOnlyObjectProperty<Attendee> attendeeProperty() {
        return attendee.getReadOnlyProperty();
    }

    public String label() {
        return label.get();
    }

    public ReadOnlyStringProperty labelProperty() {
        return label.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty hostProperty() {
        return host.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty mutedProperty() {
        return muted.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty cameraOnProperty() {
        return cameraOn.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty speakingProperty() {
        return speaking.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty sharingProperty() {
        return sharing.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty recordingProperty() {
        return recording.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty connectedProperty() {
        return connected.getReadOnlyProperty();
    }
}
