package dev.confab.ui.meeting;

import dev.confab.meeting.Attendee;
import dev.confab.meeting.RecordingRule;
import dev.confab.meeting.Roster;
import dev.confab.ui.common.UiMessage;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Recording as the meeting screen shows it, without nodes: this user's own recording state, who records (the
 * header indicator), whether to ask "this meeting is being recorded" (once per recorder), the meeting's rule and
 * whether this user may record under it. Plain and synchronous; FX thread. {@link RecordingController} moves the
 * own state; {@link RecordingView} binds to it.
 */
public final class RecordingViewModel {

    /** This user's own recording. ASKING: the server has not yet confirmed that everyone was told. */
    public enum State { IDLE, ASKING, STARTING, RECORDING, STOPPING }

    private final boolean allowedByAdmin;
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.IDLE);
    private final ReadOnlyObjectWrapper<RecordingRule> rule = new ReadOnlyObjectWrapper<>(RecordingRule.HOST_ONLY);
    private final ReadOnlyBooleanWrapper host = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper mayRecord = new ReadOnlyBooleanWrapper();
    private final ReadOnlyObjectWrapper<UiMessage> indicator = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<UiMessage> consentPrompt = new ReadOnlyObjectWrapper<>();
    private final BooleanProperty saveChat = new SimpleBooleanProperty();
    private final Set<Integer> acknowledged = new HashSet<>();
    private List<Attendee> othersRecording = List.of();
    private Roster roster;

    /** @param allowedByAdmin the administrator's policy; without it there is no Record button at all */
    public RecordingViewModel(boolean allowedByAdmin) {
        this.allowedByAdmin = allowedByAdmin;
        updateMayRecord();
    }

    public void showRoster(Roster now) {
        roster = now;
        host.set(now.selfIsHost());
        updateMayRecord();
        List<Attendee> recorders = now.participants().stream().filter(Attendee::recording).toList();
        indicator.set(recorders.isEmpty() ? null : UiMessage.of("recording.indicator", names(recorders)));
        othersRecording = recorders.stream().filter(p -> p.id() != now.selfId()).toList();
        if (othersRecording.stream().anyMatch(p -> !acknowledged.contains(p.id()))) {
            consentPrompt.set(UiMessage.of("recording.prompt", names(othersRecording)));
        } else if (othersRecording.isEmpty()) {
            consentPrompt.set(null);
        }
    }

    public void showRule(RecordingRule now) {
        rule.set(now);
        updateMayRecord();
    }

    /** "Continue" in the prompt: not asked again about those recording now. */
    public void acknowledgePrompt() {
        othersRecording.forEach(p -> acknowledged.add(p.id()));
        consentPrompt.set(null);
    }

    /** "Leave" in the prompt: it goes away with the meeting. */
    public void dismissPrompt() {
        consentPrompt.set(null);
    }

    void setState(State next) {
        state.set(next);
    }

    public State state() {
        return state.get();
    }

    /** The meeting this user is in, or null before the first roster. */
    String meetingId() {
        return roster == null ? null : roster.meetingId();
    }

    boolean isSelf(int participantId) {
        return roster != null && roster.selfId() == participantId;
    }

    // ---- what the view shows -----------------------------------------------------------------------------

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** Whether this user's recording is on (or starting): Record reads Stop. */
    public boolean ownRecordingOn() {
        return state.get() == State.RECORDING || state.get() == State.STARTING;
    }

    public UiMessage recordButtonText() {
        return UiMessage.of(ownRecordingOn() ? "recording.stop" : state.get() == State.IDLE ? "recording.start" : "recording.wait");
    }

    /** Record waits while the server is asked and while a recording is being finished. */
    public boolean recordButtonDisabled() {
        return state.get() == State.ASKING || state.get() == State.STOPPING;
    }

    public boolean adminAllowsRecording() {
        return allowedByAdmin;
    }

    /**
     * Whether the meeting's rule lets this user record (the administrator, then host only / everyone / nobody).
     * Record stays clickable regardless: the server decides, and a refusal is explained.
     */
    public ReadOnlyBooleanProperty mayRecordProperty() {
        return mayRecord.getReadOnlyProperty();
    }

    /** Only the host chooses who may record. */
    public ReadOnlyBooleanProperty ruleMenuShownProperty() {
        return host.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<RecordingRule> ruleProperty() {
        return rule.getReadOnlyProperty();
    }

    /** "Recording — Ada, Grace", or null while nobody records. */
    public ReadOnlyObjectProperty<UiMessage> indicatorProperty() {
        return indicator.getReadOnlyProperty();
    }

    /** "This meeting is being recorded by …", or null when there is nothing (new) to agree to. */
    public ReadOnlyObjectProperty<UiMessage> consentPromptProperty() {
        return consentPrompt.getReadOnlyProperty();
    }

    /** Save the chat beside the recording (offered while recording). */
    public BooleanProperty saveChatProperty() {
        return saveChat;
    }

    private void updateMayRecord() {
        Attendee self = roster == null ? null : roster.self().orElse(null);
        mayRecord.set(allowedByAdmin && self != null && rule.get().allows(self));
    }

    private static String names(List<Attendee> people) {
        return people.stream().map(Attendee::displayName).collect(Collectors.joining(", "));
    }
}
