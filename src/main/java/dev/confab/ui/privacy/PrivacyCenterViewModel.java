package dev.confab.ui.privacy;

import dev.confab.meeting.history.MeetingRecord;
import dev.confab.policy.EffectiveConfig;
import dev.confab.policy.PolicyKey;
import dev.confab.privacy.DataCategory;
import dev.confab.privacy.DataInventory;
import dev.confab.privacy.Permission;
import dev.confab.privacy.PrivacySettings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * What the privacy center shows, without nodes: counts and sizes per category, the opened category's items,
 * the kept meetings, the two switches and the status line. The switches write the privacy settings when the
 * user flips them, not when a reload of the disk sets them. FX thread.
 */
final class PrivacyCenterViewModel {
    static final int MAX_NAME = 64;
    private static final String UNKNOWN = "–";

    /** One reading of the disk (see {@link PrivacyCenterView#refresh()}). */
    record Snapshot(Map<DataCategory, DataInventory.Summary> summaries, List<String> viewedItems,
                    List<MeetingRecord> meetings, PrivacySettings privacy) {
    }

    private final Map<DataCategory, StringProperty> counts = new EnumMap<>(DataCategory.class);
    private final Map<DataCategory, StringProperty> sizes = new EnumMap<>(DataCategory.class);
    private final ObjectProperty<DataCategory> viewed = new SimpleObjectProperty<>();
    private final ObservableList<String> viewedItems = FXCollections.observableArrayList();
    private final ObservableList<MeetingRecord> meetings = FXCollections.observableArrayList();
    private final BooleanProperty keepHistory = new SimpleBooleanProperty();
    private final BooleanProperty publicMode = new SimpleBooleanProperty();
    private final BooleanProperty keepLogs = new SimpleBooleanProperty();
    private final StringProperty status = new SimpleStringProperty("");
    private final EffectiveConfig policy;
    private boolean loading;

    /**
     * @param policy       may enforce public computer mode (the switch then shows the enforced value, locked)
     * @param savePrivacy  writes a change to the privacy settings (on the io thread)
     * @param diagnostics  turns the log file on or off, and remembers that
     */
    PrivacyCenterViewModel(EffectiveConfig policy, Consumer<UnaryOperator<PrivacySettings>> savePrivacy,
                           Consumer<Boolean> diagnostics) {
        this.policy = policy;
        for (DataCategory category : DataCategory.values()) {
            counts.put(category, new SimpleStringProperty(UNKNOWN));
            sizes.put(category, new SimpleStringProperty(UNKNOWN));
        }
        keepHistory.addListener((obs, old, now) -> {
            if (!loading) {
                savePrivacy.accept(s -> s.withKeepMeetingHistory(now));
            }
        });
        keepLogs.addListener((obs, old, now) -> {
            if (!loading) {
                diagnostics.accept(now);
            }
        });
        publicMode.addListener((obs, old, now) -> {
            if (!loading) {
                savePrivacy.accept(s -> s.withPublicComputerMode(now));
            }
        });
    }

    StringProperty count(DataCategory category) {
        return counts.get(category);
    }

    StringProperty size(DataCategory category) {
        return sizes.get(category);
    }

    /** The category whose items are listed, or null. */
    ObjectProperty<DataCategory> viewed() {
        return viewed;
    }

    /** View opens a category's items, or closes them when they are already open. */
    void toggleView(DataCategory category) {
        viewed.set(viewed.get() == category ? null : category);
    }

    ObservableList<String> viewedItems() {
        return viewedItems;
    }

    ObservableList<MeetingRecord> meetings() {
        return meetings;
    }

    BooleanProperty keepHistory() {
        return keepHistory;
    }

    /** Diagnostic logs on: the log file is written. */
    BooleanProperty keepLogs() {
        return keepLogs;
    }

    BooleanProperty publicMode() {
        return publicMode;
    }

    boolean publicModeLocked() {
        return policy.isLocked(PolicyKey.PUBLIC_COMPUTER_MODE);
    }

    /** The last action's outcome, already localized; empty hides the line. */
    StringProperty status() {
        return status;
    }

    void show(Snapshot snapshot) {
        snapshot.summaries().forEach((c, s) -> {
            counts.get(c).set(Integer.toString(s.items()));
            sizes.get(c).set(DataInventory.humanSize(s.bytes()));
        });
        viewedItems.setAll(snapshot.viewedItems());
        meetings.setAll(snapshot.meetings());
        loading = true;
        keepHistory.set(snapshot.privacy().keepMeetingHistory());
        keepLogs.set(snapshot.privacy().state(Permission.DIAGNOSTICS) == Permission.State.GRANTED);
        publicMode.set(publicModeLocked()
                ? policy.isEnabled(PolicyKey.PUBLIC_COMPUTER_MODE)
                : snapshot.privacy().publicComputerMode());
        loading = false;
    }

    /** The display name as the profile keeps it: trimmed, at most {@value #MAX_NAME} characters. */
    static String profileName(String typed) {
        String value = typed.strip();
        return value.length() > MAX_NAME ? value.substring(0, MAX_NAME) : value;
    }
}
