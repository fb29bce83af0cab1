package dev.confab.ui.meeting;

import atlantafx.base.theme.Styles;
import dev.confab.meeting.Attendee;
import dev.confab.meeting.Roster;
import dev.confab.ui.common.Icons;
import dev.confab.ui.common.UiText;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignD;
import org.kordamp.ikonli.materialdesign2.MaterialDesignL;
import org.kordamp.ikonli.materialdesign2.MaterialDesignM;
import org.kordamp.ikonli.materialdesign2.MaterialDesignV;

/**
 * The participant list in the side panel: name (with "#id" when two people share it, see Roster.label), "(you)", host
 * and co-host badges, microphone and camera state, "disconnected" while someone's connection is being restored. Hosts and co-hosts get a menu per participant (ask to mute, remove,
 * spotlight; the host also makes co-hosts and hands over the host role, and stops screen shares), the
 * {@link WaitingRoomPanel} above the list, and meeting-wide actions (mute all, lock, {@link ModeratorSettings}; the
 * host alone: end for all, allow several sharers).
 */
final class ParticipantList extends VBox {
    private final UiText text;
    private final MeetingCommands commands;
    private final ListView<Attendee> list = new ListView<>();
    private final ObjectProperty<Roster> roster = new SimpleObjectProperty<>();
    private final Button lock = new Button();
    private final FlowPane hostActions;
    private final CheckBox multipleSharers = new CheckBox();
    private final ModerationViewModel moderation;
    private boolean showingPolicy;
    private final MeetingViewModel model;

    ParticipantList(UiText text, MeetingViewModel model) {
        super(8);
        this.text = text;
        this.commands = model.commands();
        this.moderation = model.moderation();
        this.model = model;
        getStyleClass().add("participant-list");
        list.setId("participantList");
        list.accessibleTextProperty().bind(text.bind("meeting.participantListName"));
        list.setCellFactory(v -> new ParticipantCell());
        list.setFocusTraversable(true);
        VBox.setVgrow(list, Priority.ALWAYS);

        Button muteAll = new Button(null, Icons.of(MaterialDesignM.MICROPHONE_OFF));
        muteAll.setId("muteAll");
        muteAll.textProperty().bind(text.bind("meeting.muteAll"));
        muteAll.setOnAction(e -> commands.askAllToMute());
        lock.setId("lockMeeting");
        lock.setOnAction(e -> commands.setLocked(!roster.get().locked()));
        Button end = new Button(null, Icons.of(MaterialDesignC.CLOSE_CIRCLE));
        end.setId("endForAll");
        end.getStyleClass().add(Styles.DANGER);
        end.textProperty().bind(text.bind("meeting.endForAll"));
        end.setOnAction(e -> Confirm.ask(this, text, "meeting.endForAllConfirm", "meeting.endForAll", commands::endForAll));
        multipleSharers.setId("allowMultipleSharers");
        multipleSharers.textProperty().bind(text.bind("share.host.allowMultiple"));
        multipleSharers.selectedProperty().addListener((obs, old, now) -> {
            if (!showingPolicy) {
                commands.setMultipleSharersAllowed(now);
            }
        });
        multipleSharers.setWrapText(true);
        multipleSharers.setMaxWidth(Double.MAX_VALUE);
        hostActions = new FlowPane(6, 6, muteAll, lock, end);
        hostActions.setId("hostActions");
        hostActions.managedProperty().bind(hostActions.visibleProperty());
        hostActions.setVisible(false);
        end.visibleProperty().bind(moderation.selfIsHostProperty());
        end.managedProperty().bind(end.visibleProperty());
        multipleSharers.visibleProperty().bind(moderation.selfIsHostProperty());
        multipleSharers.managedProperty().bind(multipleSharers.visibleProperty());
        hostActions.getChildren().add(ModeratorSettings.menu(text, moderation));
        getChildren().addAll(new WaitingRoomPanel(text, moderation), new HandsBar(text, model), list, hostActions,
                multipleSharers);
        moderation.spotlightIdProperty().addListener((obs, old, now) -> list.refresh());
        model.rosterProperty().addListener((obs, old, now) -> showRoster(now));
        model.raisedHands().addListener((javafx.collections.ListChangeListener<Integer>) change -> {
            if (roster.get() != null) {
                showRoster(roster.get());
            }
        });
        model.multipleSharersAllowedProperty().addListener((obs, old, now) -> showMultipleSharersAllowed(now));
    }

    private void showRoster(Roster now) {
        roster.set(now);
        // Raised hands first, in the order they went up; then oneself; then in join order.
        java.util.List<Integer> hands = model.raisedHands();
        list.getItems().setAll(now.participants().stream()
                .sorted(java.util.Comparator.comparingInt((Attendee a) -> hands.contains(a.id()) ? hands.indexOf(a.id()) : hands.size())
                        .thenComparing((a, b) -> Boolean.compare(b.id() == now.selfId(), a.id() == now.selfId())))
                .toList());
        hostActions.setVisible(now.self().map(Attendee::moderates).orElse(false));
        lock.textProperty().bind(text.bind(now.locked() ? "meeting.unlock" : "meeting.lock"));
        lock.setGraphic(Icons.of(now.locked() ? MaterialDesignL.LOCK_OPEN_VARIANT : MaterialDesignL.LOCK));
    }

    /** Reflects the server's share policy without sending it back. */
    private void showMultipleSharersAllowed(boolean allowed) {
        showingPolicy = true;
        try {
            multipleSharers.setSelected(allowed);
        } finally {
            showingPolicy = false;
        }
    }

    ListView<Attendee> listView() {
        return list;
    }

    private final class ParticipantCell extends ListCell<Attendee> {
        ParticipantCell() {
            // Cells as wide as the list, never wider: long names shorten with "…" instead of scrolling sideways.
            setPrefWidth(0);
        }

        @Override
        protected void updateItem(Attendee p, boolean empty) {
            super.updateItem(p, empty);
            setText(null);
            if (empty || p == null) {
                setGraphic(null);
                setId(null);
                return;
            }
            Roster r = roster.get();
            boolean self = p.id() == r.selfId();
            setId("participant-" + p.id());
            Label name = new Label();
            name.getStyleClass().add("participant-name");
            String label = r.label(p); // "Lin #7" while someone else is called Lin too
            name.textProperty().bind(self ? text.bind("meeting.you", label)
                    : javafx.beans.binding.Bindings.createStringBinding(() -> label));
            name.setMinWidth(0);
            HBox row = new HBox(6, name);
            model.participant(p.id()).ifPresent(shown -> HandsBar.decorate(row, shown, r.self()
                    .map(Attendee::moderates).orElse(false), text, model));
            row.setMinWidth(0);
            row.setAlignment(Pos.CENTER_LEFT);
            if (p.host()) {
                Label host = new Label(null, Icons.of(MaterialDesignC.CROWN));
                host.textProperty().bind(text.bind("meeting.host"));
                host.getStyleClass().addAll("host-badge", Styles.TEXT_SMALL);
                host.setMinWidth(Region.USE_PREF_SIZE);
                row.getChildren().add(host);
            }
            if (p.cohost()) {
                Label cohost = new Label(null, Icons.of(MaterialDesignA.ACCOUNT_STAR));
                cohost.setId("cohost-" + p.id());
                cohost.textProperty().bind(text.bind("moderation.cohost"));
                cohost.getStyleClass().addAll("host-badge", Styles.TEXT_SMALL);
                cohost.setMinWidth(Region.USE_PREF_SIZE);
                row.getChildren().add(cohost);
            }
            if (!p.connected()) {
                Label gone = new Label();
                gone.textProperty().bind(text.bind("meeting.disconnected"));
                gone.getStyleClass().addAll("participant-disconnected", Styles.TEXT_SMALL);
                gone.setMinWidth(Region.USE_PREF_SIZE);
                row.getChildren().add(gone);
            }
            if (p.recording()) {
                Label recording = new Label(null, Icons.of(org.kordamp.ikonli.materialdesign2.MaterialDesignR.RECORD_CIRCLE));
                recording.setId("recording-" + p.id());
                recording.textProperty().bind(text.bind("recording.badge"));
                recording.getStyleClass().addAll("recording-badge", Styles.DANGER, Styles.TEXT_SMALL);
                recording.setMinWidth(Region.USE_PREF_SIZE);
                row.getChildren().add(recording);
            }
            Region spacer = new Region();
            HBox.setHgrow(spacer, Priority.ALWAYS);
            row.getChildren().add(spacer);
            if (p.sharing()) {
                FontIcon sharing = Icons.of(MaterialDesignM.MONITOR_SHARE);
                sharing.setId("sharing-" + p.id());
                sharing.getStyleClass().add("state-on");
                Tooltip.install(sharing, new Tooltip(text.get("meeting.sharingTip")));
                row.getChildren().add(sharing);
            }
            row.getChildren().addAll(
                    stateIcon(p.muted() ? MaterialDesignM.MICROPHONE_OFF : MaterialDesignM.MICROPHONE, p.muted(),
                            "meeting.mutedTip", "mic-" + p.id()),
                    stateIcon(p.cameraOn() ? MaterialDesignV.VIDEO : MaterialDesignV.VIDEO_OFF, !p.cameraOn(),
                            "meeting.cameraOffTip", "cam-" + p.id()));
            boolean selfModerates = r.self().map(Attendee::moderates).orElse(false);
            if (selfModerates && !self) {
                row.getChildren().add(hostMenu(p));
            }
            setGraphic(row);
        }

        private FontIcon stateIcon(org.kordamp.ikonli.Ikon ikon, boolean off, String offTip, String id) {
            FontIcon icon = Icons.of(ikon);
            icon.setId(id);
            icon.getStyleClass().add(off ? "state-off" : "state-on");
            if (off) {
                Tooltip.install(icon, new Tooltip(text.get(offTip)));
            }
            return icon;
        }

        private MenuButton hostMenu(Attendee p) {
            MenuItem mute = new MenuItem(null, Icons.of(MaterialDesignM.MICROPHONE_OFF));
            mute.setId("askToMute-" + p.id());
            mute.textProperty().bind(text.bind("meeting.askToMute"));
            mute.setDisable(p.muted());
            mute.setOnAction(e -> commands.askToMute(p.id()));
            boolean selfIsHost = roster.get().selfIsHost();
            MenuItem remove = new MenuItem(null, Icons.of(MaterialDesignA.ACCOUNT_REMOVE));
            remove.setVisible(!p.host()); // nobody removes the host (a co-host would be refused)
            remove.setId("remove-" + p.id());
            remove.textProperty().bind(text.bind("meeting.remove"));
            remove.setOnAction(e -> Confirm.ask(ParticipantList.this, text, "meeting.removeConfirm", "meeting.remove",
                    () -> commands.remove(p.id()), roster.get().label(p)));
            MenuItem host = new MenuItem(null, Icons.of(MaterialDesignC.CROWN));
            host.setVisible(selfIsHost);
            host.setId("makeHost-" + p.id());
            host.textProperty().bind(text.bind("meeting.makeHost"));
            host.setOnAction(e -> Confirm.ask(ParticipantList.this, text, "meeting.makeHostConfirm", "meeting.makeHost",
                    () -> commands.makeHost(p.id()), roster.get().label(p)));
            MenuButton menu = new MenuButton(null, Icons.of(MaterialDesignD.DOTS_VERTICAL), mute, remove, host);
            menu.getItems().addAll(ParticipantMenu.moderatorItems(text, moderation, p, selfIsHost));
            if (p.sharing() && selfIsHost) {
                MenuItem stopShare = new MenuItem(null, Icons.of(MaterialDesignM.MONITOR_OFF));
                stopShare.setId("stopShare-" + p.id());
                stopShare.textProperty().bind(text.bind("share.host.stopShare"));
                stopShare.setOnAction(e -> commands.stopShareOf(p.id()));
                menu.getItems().addFirst(stopShare);
            }
            menu.setId("hostMenu-" + p.id());
            menu.getStyleClass().addAll("flat", "host-menu", Styles.BUTTON_ICON);
            Tooltip tip = new Tooltip();
            tip.textProperty().bind(text.bind("meeting.hostMenu", roster.get().label(p)));
            menu.setTooltip(tip);
            menu.accessibleTextProperty().bind(tip.textProperty());
            return menu;
        }
    }
}
