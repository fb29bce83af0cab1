package dev.confab.ui.privacy;

import dev.confab.ui.common.PolicyLock;
import atlantafx.base.theme.Styles;
import dev.confab.logging.FileLogging;
import dev.confab.meeting.history.CalendarEvent;
import dev.confab.meeting.history.HistoryCsv;
import dev.confab.meeting.history.MeetingHistoryStore;
import dev.confab.meeting.history.MeetingRecord;
import dev.confab.privacy.DataCategory;
import dev.confab.privacy.DataEraser;
import dev.confab.privacy.DataExporter;
import dev.confab.privacy.DataInventory;
import dev.confab.privacy.DataMap;
import dev.confab.privacy.NoticeText;
import dev.confab.privacy.Permission;
import dev.confab.privacy.PrivacySettings;
import dev.confab.storage.AtRest;
import dev.confab.storage.AtomicFiles;
import dev.confab.ui.common.Screen;
import dev.confab.ui.common.UiText;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.collections.transformation.FilteredList;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/**
 * Settings → Privacy center: every category Confab stores with counts and sizes (view, delete), export all,
 * delete everything, withdraw consent, the profile, permissions, meeting history, public computer mode and
 * the log folder. All file work runs on the context's io thread; the screen reloads after each change.
 */
public final class PrivacyCenterView implements Screen {
    private static final Logger LOG = LoggerFactory.getLogger(PrivacyCenterView.class);

    private final UiText text;
    private final PrivacyCenterContext ctx;
    private final Runnable onSettingsErased;
    private final PrivacyControls controls;
    private final DataInventory inventory;
    private final DataEraser eraser;
    private final MeetingHistoryStore history;
    private final Map<Permission, Label> permissionStates = new EnumMap<>(Permission.class);
    private final Map<Permission, Button> revokeButtons = new EnumMap<>(Permission.class);
    private final PrivacyCenterViewModel model;
    private final FilteredList<MeetingRecord> shownMeetings;
    private final Label status = new Label();
    /** Whether stored data is encrypted (a keychain holds the key) or not (none on this computer). */
    private final Label encryption = new Label();
    private final javafx.beans.property.StringProperty encryptionKey = new javafx.beans.property.SimpleStringProperty();
    private final CheckBox keepHistory = new CheckBox();
    private final CheckBox publicMode = new CheckBox();
    private final CheckBox keepLogs = new CheckBox();
    private final TextField profileName = new TextField();
    private final ScrollPane view;

    /**
     * @param onWithdraw       erase everything and return to the consent screen (the shell's existing flow)
     * @param onSettingsErased the settings file was deleted: forget the in-memory copy too
     */
    public PrivacyCenterView(UiText text, PrivacyCenterContext ctx, Runnable onBack, Runnable onWithdraw,
                             Runnable onSettingsErased) {
        this.text = text;
        this.ctx = ctx;
        this.onSettingsErased = onSettingsErased;
        this.controls = new PrivacyControls(text);
        this.model = new PrivacyCenterViewModel(ctx.policy(), this::savePrivacy, this::setDiagnostics);
        this.shownMeetings = new FilteredList<>(model.meetings());
        this.inventory = new DataInventory(ctx.locations());
        this.eraser = new DataEraser(ctx.locations());
        this.history = MeetingHistoryStore.of(ctx.locations().paths());

        Button back = controls.button("privacyBack", "privacy.back");
        back.getStyleClass().add(Styles.FLAT);
        back.setOnAction(e -> onBack.run());
        Label title = controls.label("privacy.title");
        title.getStyleClass().add(Styles.TITLE_3);
        HBox heading = new HBox(12, back, title);
        heading.setAlignment(Pos.CENTER_LEFT);
        Label intro = controls.label("privacy.intro");
        status.setId("privacyStatus");
        status.setWrapText(true);
        status.textProperty().bind(model.status());
        status.getStyleClass().add(Styles.TEXT_MUTED);
        status.visibleProperty().bind(status.textProperty().isNotEmpty());
        status.managedProperty().bind(status.visibleProperty());

        VBox card = new VBox(18, heading, intro, status, storedSection(onWithdraw), profileSection(),
                permissionsSection(), historySection(), publicModeSection(), logsSection());
        card.getStyleClass().addAll("card", "settings");
        card.setMaxWidth(820);
        view = new ScrollPane(card);
        view.setFitToWidth(true);
        view.setId("privacyCenter");
        view.getStyleClass().add("page-scroll");
        refresh();
    }

    // --- stored data -----------------------------------------------------------------------------------

    private Node storedSection(Runnable onWithdraw) {
        GridPane table = new GridPane(16, 6);
        table.setId("categories");
        table.addRow(0, controls.header("privacy.column.category"), controls.header("privacy.column.items"), controls.header("privacy.column.size"));
        int row = 1;
        for (DataCategory category : DataCategory.values()) {
            Label count = new Label("–");
            count.setId("items-" + category.cliName());
            Label size = new Label("–");
            size.setId("size-" + category.cliName());
            count.textProperty().bind(model.count(category));
            size.textProperty().bind(model.size(category));
            Button show = new Button();
            show.setId("view-" + category.cliName());
            show.textProperty().bind(Bindings.createStringBinding(() -> text.get(model.viewed().get() == category ? "privacy.hide" : "privacy.view"),
                    model.viewed(), text.localeProperty()));
            show.getStyleClass().add(Styles.SMALL);
            show.setOnAction(e -> {
                model.toggleView(category);
                refresh();
            });
            Button delete = controls.twoStep("delete-" + category.cliName(), "privacy.delete", "privacy.confirmDelete",
                    () -> run(() -> {
                        eraser.erase(category);
                        if (category == DataCategory.SETTINGS) {
                            Platform.runLater(onSettingsErased);
                        } else if (category == DataCategory.PROFILE) {
                            Platform.runLater(() -> {
                                profileName.setText("");
                                ctx.settings().update(s -> s.withIdentity("", s.server()));
                            });
                        }
                    }, null));
            delete.getStyleClass().add(Styles.SMALL);
            Label name = controls.label(category.key());
            // The data map's full entry (what, why, how long, who sees it, the user's choice) on hover.
            Tooltip about = new Tooltip();
            about.textProperty().bind(Bindings.createStringBinding(
                    () -> NoticeText.details(DataMap.of(category), text.locale()), text.localeProperty()));
            about.setWrapText(true);
            about.setMaxWidth(420);
            name.setTooltip(about);
            table.addRow(row++, name, count, size, show, delete);
        }
        ListView<String> items = new ListView<>(model.viewedItems());
        items.setId("categoryItems");
        items.setPrefHeight(140);
        items.visibleProperty().bind(model.viewed().isNotNull());
        items.managedProperty().bind(items.visibleProperty());
        items.setPlaceholder(controls.label("privacy.noItems"));

        Button export = controls.button("exportAll", "privacy.exportAll");
        export.setOnAction(e -> chooseTarget("confab-data.zip", "*.zip").ifPresent(target -> run(() -> {
            DataExporter.Manifest m = new DataExporter(ctx.locations(), ctx.clock()).export(target);
            int n = m.categories().stream().mapToInt(c -> c.items().size()).sum();
            Platform.runLater(() -> model.status().set(text.get("privacy.exported", n, target)));
        }, null)));
        Button everything = controls.twoStep("deleteEverything", "privacy.deleteEverything", "privacy.confirmDeleteEverything",
                () -> run(() -> {
                    FileLogging.disable();
                    eraser.eraseAllExcept(EnumSet.of(DataCategory.CONSENT));
                    Platform.runLater(onSettingsErased);
                }, "privacy.deletedEverything"));
        everything.getStyleClass().add(Styles.DANGER);
        Button withdraw = controls.twoStep("privacyWithdraw", "privacy.withdraw", "privacy.confirmWithdraw", onWithdraw);
        withdraw.getStyleClass().add(Styles.DANGER);
        HBox actions = new HBox(12, export, everything, withdraw);
        encryption.setId("encryptionAtRest");
        encryption.setWrapText(true);
        encryption.getStyleClass().add(Styles.TEXT_MUTED);
        encryption.textProperty().bind(Bindings.createStringBinding(() -> encryptionKey.get() == null ? ""
                : text.get(encryptionKey.get()), encryptionKey, text.localeProperty()));
        return controls.section("privacy.stored", encryption, table, items, actions);
    }

    // --- profile ---------------------------------------------------------------------------------------

    private Node profileSection() {
        TextField name = profileName;
        name.setText(ctx.settings().current().displayName());
        name.setId("profileName");
        name.setPrefColumnCount(24);
        Button save = controls.button("saveName", "privacy.saveName");
        save.setOnAction(e -> {
            String trimmed = PrivacyCenterViewModel.profileName(name.getText());
            name.setText(trimmed);
            ctx.settings().update(s -> s.withIdentity(trimmed, s.server()));
        });
        GridPane grid = new GridPane(16, 8);
        grid.addRow(0, controls.label("privacy.displayName"), new HBox(8, name, save));
        return controls.section("privacy.profile", grid);
    }

    // --- permissions -----------------------------------------------------------------------------------

    private Node permissionsSection() {
        GridPane grid = new GridPane(16, 6);
        int row = 0;
        for (Permission p : Permission.values()) {
            if (!p.askedAtFirstUse()) {
                continue; // diagnostics is the log section's switch
            }
            Label state = new Label();
            state.setId("permission-" + p.name().toLowerCase(java.util.Locale.ROOT));
            permissionStates.put(p, state);
            Button revoke = controls.button("revoke-" + p.name().toLowerCase(java.util.Locale.ROOT), "privacy.revoke");
            revoke.getStyleClass().add(Styles.SMALL);
            revoke.setOnAction(e -> {
                ctx.permissions().revoke(p);
                showPermissions();
            });
            revokeButtons.put(p, revoke);
            Label reason = controls.label(p.key() + ".reason");
            reason.getStyleClass().add(Styles.TEXT_MUTED);
            Label name = controls.label(p.key());
            for (javafx.scene.control.Control fixed : List.of(name, state, revoke)) {
                fixed.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            }
            grid.addRow(row++, name, state, revoke, reason);
        }
        showPermissions();
        text.localeProperty().addListener((obs, old, now) -> showPermissions());
        return controls.section("privacy.permissions", grid);
    }

    private void showPermissions() {
        for (Permission p : permissionStates.keySet()) {
            Permission.State state = ctx.permissions().state(p);
            permissionStates.get(p).setText(text.get("permission.state." + state.name()));
            revokeButtons.get(p).setDisable(state == Permission.State.UNASKED);
        }
    }

    // --- meeting history -------------------------------------------------------------------------------

    private Node historySection() {
        keepHistory.setId("keepHistory");
        keepHistory.textProperty().bind(text.bind("privacy.keepHistory"));
        keepHistory.selectedProperty().bindBidirectional(model.keepHistory());
        TextField search = new TextField();
        search.setId("historySearch");
        search.promptTextProperty().bind(text.bind("privacy.search"));
        shownMeetings.predicateProperty().bind(Bindings.createObjectBinding(
                () -> record -> record.matches(search.getText()), search.textProperty()));
        ListView<MeetingRecord> list = new ListView<>(shownMeetings);
        list.setId("history");
        list.setPrefHeight(150);
        list.setPlaceholder(controls.label("privacy.historyEmpty"));
        list.setCellFactory(v -> new MeetingHistoryCell(text));
        text.localeProperty().addListener((obs, old, now) -> list.refresh());
        Button csv = controls.button("exportCsv", "privacy.exportCsv");
        csv.disableProperty().bind(Bindings.isEmpty(shownMeetings));
        csv.setOnAction(e -> {
            List<MeetingRecord> chosen = List.copyOf(shownMeetings);
            chooseTarget("confab-meetings.csv", "*.csv").ifPresent(target ->
                    run(() -> AtomicFiles.write(target, HistoryCsv.of(chosen).getBytes(StandardCharsets.UTF_8)), null));
        });
        Button calendar = controls.button("addToCalendar", "privacy.addToCalendar");
        calendar.disableProperty().bind(list.getSelectionModel().selectedItemProperty().isNull());
        calendar.setOnAction(e -> {
            MeetingRecord meeting = list.getSelectionModel().getSelectedItem();
            chooseTarget("confab-" + meeting.meetingId() + ".ics", "*.ics").ifPresent(target -> run(() ->
                    AtomicFiles.write(target, CalendarEvent.of(meeting, ctx.clock().instant(), Duration.ofHours(1))
                            .getBytes(StandardCharsets.UTF_8)), null));
        });
        Button delete = controls.button("deleteMeeting", "privacy.deleteMeeting");
        delete.disableProperty().bind(list.getSelectionModel().selectedItemProperty().isNull());
        delete.setOnAction(e -> {
            MeetingRecord meeting = list.getSelectionModel().getSelectedItem();
            run(() -> history.delete(meeting), null);
        });
        return controls.section("privacy.history", keepHistory, search, list, new HBox(12, csv, calendar, delete));
    }

    // --- public computer mode and logs -----------------------------------------------------------------

    private Node publicModeSection() {
        publicMode.setId("publicMode");
        publicMode.textProperty().bind(text.bind("privacy.publicMode"));
        publicMode.selectedProperty().bindBidirectional(model.publicMode());
        Label hint = controls.label("privacy.publicModeHint");
        hint.getStyleClass().add(Styles.TEXT_MUTED);
        return controls.section("privacy.publicMode",
                PolicyLock.wrap(text, publicMode, model.publicModeLocked(), "publicModeLock"), hint);
    }

    private Node logsSection() {
        Path folder = ctx.locations().paths().logs();
        keepLogs.setId("keepLogs");
        keepLogs.textProperty().bind(text.bind("privacy.keepLogs"));
        keepLogs.selectedProperty().bindBidirectional(model.keepLogs());
        Label hint = controls.label("privacy.logsHint");
        Button open = controls.button("openLogFolder", "privacy.openLogFolder");
        open.setOnAction(e -> ctx.io().execute(() -> {
            try {
                Files.createDirectories(folder);
                java.awt.Desktop.getDesktop().open(folder.toFile());
            } catch (IOException | RuntimeException | LinkageError unsupported) {
                // No desktop integration here (headless, no file manager): the path itself helps just as much.
                Platform.runLater(() -> model.status().set(text.get("privacy.logFolderIs", folder)));
            }
        }));
        return controls.section("privacy.logs", keepLogs, hint, open);
    }

    // --- loading and actions ---------------------------------------------------------------------------

    /** Re-reads the disk on the io thread and shows the result. */
    public void refresh() {
        DataCategory category = model.viewed().get();
        ctx.io().execute(() -> {
            try {
                Map<DataCategory, DataInventory.Summary> summaries = inventory.summaries();
                List<String> items = category == null ? List.of() : inventory.items(category).stream()
                        .map(i -> i.name() + "  (" + DataInventory.humanSize(i.size()) + ")").toList();
                List<MeetingRecord> records = history.list();
                PrivacySettings privacy = ctx.store().load();
                String atRest = AtRest.vault(ctx.locations().paths()).available() ? "privacy.encrypted" : "privacy.noKeychain";
                var snapshot = new PrivacyCenterViewModel.Snapshot(summaries, items, records, privacy);
                Platform.runLater(() -> {
                    encryptionKey.set(atRest);
                    show(snapshot);
                });
            } catch (IOException | RuntimeException e) {
                fail(e);
            }
        });
    }

    private void show(PrivacyCenterViewModel.Snapshot snapshot) {
        model.show(snapshot);
        showPermissions();
    }

    /** The diagnostics switch: remembered, and the log file starts or stops at once (io thread). */
    private void setDiagnostics(boolean on) {
        ctx.permissions().answer(Permission.DIAGNOSTICS, on);
        Path logs = ctx.locations().paths().logs();
        run(() -> {
            if (on) {
                FileLogging.enable(logs);
            } else {
                FileLogging.disable();
            }
        }, null);
    }

    private void savePrivacy(java.util.function.UnaryOperator<PrivacySettings> change) {
        run(() -> ctx.store().save(change.apply(ctx.store().load())), null);
    }

    private interface FileWork {
        void run() throws IOException;
    }

    /** Runs file work on the io thread, then reloads; failures are shown, not thrown. */
    private void run(FileWork work, String doneKey) {
        ctx.io().execute(() -> {
            try {
                work.run();
                if (doneKey != null) {
                    Platform.runLater(() -> model.status().set(text.get(doneKey)));
                }
            } catch (IOException | RuntimeException e) {
                fail(e);
            }
            refresh();
        });
    }

    private void fail(Exception e) {
        LOG.warn("Privacy center action failed: {}", e.toString());
        Platform.runLater(() -> model.status().set(text.get("privacy.failed", e.getMessage())));
    }

    private java.util.Optional<Path> chooseTarget(String suggested, String pattern) {
        FileChooser chooser = new FileChooser();
        chooser.setInitialFileName(suggested);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(pattern, pattern));
        File file = chooser.showSaveDialog(ctx.owner());
        return java.util.Optional.ofNullable(file).map(File::toPath);
    }

    @Override
    public String name() {
        return "privacy-center";
    }

    @Override
    public Parent view() {
        return view;
    }
}
