package dev.confab.ui.meeting;

import dev.confab.meeting.Roster;
import dev.confab.meeting.ShownCamera;
import dev.confab.ui.common.Icons;
import dev.confab.ui.video.Pulses;
import dev.confab.ui.common.UiText;
import dev.confab.ui.video.VideoView;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.stage.Window;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The participants' tiles, oneself first. Gallery view: 1 tile, 2 side by side, 2×2, 3×3, and pages of nine
 * beyond that (‹ 1/2 ›). Speaker view: one big tile (the latest speaker) above a filmstrip of the others. A featured
 * participant ({@link #featuredIdProperty()}: this user's pin, else the host's spotlight) takes the big tile in
 * either view, until unpinned, the spotlight ends, or they leave.
 * Tiles are kept per participant id and only re-laid out when the roster changes, so video keeps flowing.
 * One timer redraws the level meters of the tiles on display once per pulse while the grid is in a scene.
 * After every layout the grid reports the remote cameras it shows and their tiles' sizes in device pixels
 * ({@link #shownCamerasProperty()}, and to its view-model), so the meeting receives only those cameras.
 */
public final class VideoGrid extends Region {
    private static final double GAP = 8;
    private static final double ASPECT = 16.0 / 9.0;
    /** The filmstrip's height where the window has room; {@link #filmstripHeightProperty()} lowers it. */
    public static final double FILMSTRIP_HEIGHT = 110;
    private static final double MIN_FILMSTRIP_WIDTH = 112;

    private final UiText text;
    private final Map<Integer, ParticipantTile> tiles = new HashMap<>();
    private final List<ParticipantTile> order = new ArrayList<>();
    private final IntegerProperty page = new SimpleIntegerProperty();
    private final BooleanProperty speakerView = new SimpleBooleanProperty();
    private final BooleanProperty showStats = new SimpleBooleanProperty();
    private final BooleanProperty filmstrip = new SimpleBooleanProperty();
    private final DoubleProperty filmstripHeight = new SimpleDoubleProperty(FILMSTRIP_HEIGHT);
    private final IntegerProperty featuredId = new SimpleIntegerProperty();
    private final HBox pager;
    private final Button nextButton;
    private final Label pageLabel = new Label();
    private final ParticipantRows standalone;
    private final MeetingViewModel model;
    private final ReadOnlyObjectWrapper<List<ShownCamera>> shownCameras = new ReadOnlyObjectWrapper<>();
    private int lastSpeakerId = -1;
    private int selfId;

    /** A grid fed by {@link #setRoster} (previews and tests). */
    public VideoGrid(UiText text) {
        this(text, new ParticipantRows(), null, null);
    }

    /** A grid whose tiles follow the meeting view-model's participants. */
    VideoGrid(UiText text, MeetingViewModel model) {
        this(text, null, model.participants(), model);
    }

    private VideoGrid(UiText text, ParticipantRows standalone, ObservableList<ParticipantRow> modelRows,
                      MeetingViewModel model) {
        this.text = text;
        this.standalone = standalone;
        this.model = model;
        getStyleClass().add("video-grid");
        setId("videoGrid");
        Button previous = pagerButton("previousPage", MaterialDesignC.CHEVRON_LEFT, "meeting.previousPage", -1);
        Button next = pagerButton("nextPage", MaterialDesignC.CHEVRON_RIGHT, "meeting.nextPage", +1);
        previous.disableProperty().bind(page.isEqualTo(0));
        pageLabel.setId("pageLabel");
        pager = new HBox(8, previous, pageLabel, next);
        pager.setAlignment(Pos.CENTER);
        pager.getStyleClass().add("pager");
        pager.setId("pager");
        getChildren().add(pager);
        page.addListener((obs, old, now) -> refresh());
        speakerView.addListener((obs, old, now) -> refresh());
        featuredId.addListener((obs, old, now) -> refresh());
        if (model != null) {
            featuredId.bind(model.moderation().featuredIdProperty());
        }
        filmstrip.addListener((obs, old, now) -> {
            // A strip keeps its height when the share above it wants more room; the gallery may shrink freely.
            setMinHeight(now ? USE_PREF_SIZE : 0);
            refresh();
        });
        filmstripHeight.addListener((obs, old, now) -> requestLayout());
        setMinSize(0, 0);
        Pulses.whileInScene(this, this::refreshLevels);
        next.setOnAction(e -> page.set(Math.min(page.get() + 1, pageCount() - 1)));
        nextButton = next;
        follow(standalone != null ? standalone.rows() : modelRows);
    }

    private Button pagerButton(String id, org.kordamp.ikonli.Ikon icon, String tipKey, int step) {
        Button button = new Button(null, Icons.of(icon));
        button.setId(id);
        button.getStyleClass().addAll("flat", "pager-button");
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(text.bind(tipKey));
        button.setTooltip(tip);
        if (step < 0) {
            button.setOnAction(e -> page.set(Math.max(0, page.get() - 1)));
        }
        return button;
    }

    /** Shows {@code roster} in a grid made without a view-model. FX thread. */
    public void setRoster(Roster roster) {
        if (standalone == null) {
            throw new IllegalStateException("this grid follows its meeting's view-model");
        }
        standalone.show(roster);
    }

    private void follow(ObservableList<ParticipantRow> rows) {
        rows.addListener((ListChangeListener<ParticipantRow>) change -> showRows(rows));
        showRows(rows);
    }

    /** Adds and removes tiles to match the rows (oneself first, then join order); tiles update themselves. */
    private void showRows(List<ParticipantRow> rows) {
        List<ParticipantTile> next = new ArrayList<>();
        for (ParticipantRow row : rows) {
            if (row.self()) {
                selfId = row.id();
            }
            next.add(tileFor(row));
        }
        for (ParticipantTile gone : new ArrayList<>(order)) {
            if (!next.contains(gone)) {
                tiles.remove(gone.participantId());
                getChildren().remove(gone);
                gone.videoView().clear();
            }
        }
        order.clear();
        order.addAll(next);
        if (page.get() >= pageCount()) {
            page.set(pageCount() - 1); // the last page emptied
        }
        refresh();
    }

    private ParticipantTile tileFor(ParticipantRow row) {
        ParticipantTile tile = tiles.get(row.id());
        if (tile == null) {
            tile = new ParticipantTile(row, text);
            tile.statsEnabledProperty().bind(showStats);
            if (model != null) {
                TilePin.install(tile, text, model.moderation(), row.label());
            }
            tiles.put(row.id(), tile);
            getChildren().addFirst(tile);
        }
        return tile;
    }

    /** Tile of a participant in the meeting now. */
    public Optional<ParticipantTile> tile(int participantId) {
        return Optional.ofNullable(tiles.get(participantId));
    }

    /** Where the video pipeline renders a participant's camera; null when not in the meeting. */
    public VideoView videoViewFor(int participantId) {
        ParticipantTile tile = tiles.get(participantId);
        return tile == null ? null : tile.videoView();
    }

    /** Highlights a speaker; in speaker view the latest speaker becomes the big tile. FX thread. */
    public void setSpeaking(int participantId, boolean speaking) {
        ParticipantTile tile = tiles.get(participantId);
        if (tile == null) {
            return;
        }
        tile.setSpeaking(speaking);
        if (speaking && participantId != lastSpeakerId) {
            lastSpeakerId = participantId;
            if (speakerView.get()) {
                requestLayout();
            }
        }
    }

    public BooleanProperty speakerViewProperty() {
        return speakerView;
    }

    /**
     * Filmstrip only: every tile in one row of small tiles, as when a screen share takes the middle of the
     * meeting screen. The same tiles (and their video) stay; only the layout changes.
     */
    public BooleanProperty filmstripProperty() {
        return filmstrip;
    }

    /** The height of a filmstrip row (under a share or in speaker view). */
    public DoubleProperty filmstripHeightProperty() {
        return filmstripHeight;
    }

    public BooleanProperty showStatsProperty() {
        return showStats;
    }

    public IntegerProperty pageProperty() {
        return page;
    }

    public int pageCount() {
        return GridShape.pageCount(order.size());
    }

    /** Shape of the current gallery page. */
    public GridShape shape() {
        return GridShape.of(GridShape.tilesOnPage(order.size(), page.get()));
    }

    /**
     * The remote cameras on display after the last layout, with their tiles' sizes in device pixels (layout size ×
     * the window's output scale); oneself is left out. Null until the grid was laid out at a size.
     */
    public ReadOnlyObjectProperty<List<ShownCamera>> shownCamerasProperty() {
        return shownCameras.getReadOnlyProperty();
    }

    /** Tiles on display now, in reading order. */
    public List<ParticipantTile> visibleTiles() {
        return order.stream().filter(Region::isVisible).toList();
    }

    public List<ParticipantTile> tiles() {
        return List.copyOf(order);
    }

    /** Once per pulse: the meters of the tiles on display follow the voices. */
    private void refreshLevels() {
        for (int i = 0; i < order.size(); i++) { // indexed: no iterator per pulse
            ParticipantTile tile = order.get(i);
            if (tile.isVisible()) {
                tile.refreshLevel();
            }
        }
    }

    private void refresh() {
        int pages = pageCount();
        pageLabel.setText((page.get() + 1) + " / " + pages);
        boolean paging = pages > 1 && !speakerLayout() && !filmstrip.get();
        pager.setVisible(paging);
        nextButton.setDisable(page.get() >= pages - 1);
        List<ParticipantTile> shown = filmstrip.get() ? order : speakerLayout() ? speakerOrder() : pageTiles();
        for (ParticipantTile tile : order) {
            tile.setVisible(shown.contains(tile));
        }
        requestLayout();
    }

    private List<ParticipantTile> pageTiles() {
        int from = Math.min(order.size(), page.get() * GridShape.PAGE_SIZE);
        return order.subList(from, from + GridShape.tilesOnPage(order.size(), page.get()));
    }

    /** The participant shown large for this user (pinned, else spotlighted), 0 for none. */
    public IntegerProperty featuredIdProperty() {
        return featuredId;
    }

    /** One big tile above a filmstrip: speaker view, or someone featured who is in the meeting. */
    private boolean speakerLayout() {
        return speakerView.get() || tiles.containsKey(featuredId.get());
    }

    /** The featured participant (else the latest speaker) first, then the filmstrip in roster order. */
    private List<ParticipantTile> speakerOrder() {
        if (order.isEmpty()) {
            return List.of();
        }
        ParticipantTile speaker = tiles.getOrDefault(featuredId.get(), tiles.get(lastSpeakerId));
        if (speaker == null) {
            speaker = order.stream().filter(t -> t.participantId() != selfId).findFirst().orElse(order.getFirst());
        }
        List<ParticipantTile> result = new ArrayList<>();
        result.add(speaker);
        for (ParticipantTile t : order) {
            if (t != speaker) {
                result.add(t);
            }
        }
        return result;
    }

    @Override
    protected void layoutChildren() {
        double x0 = snappedLeftInset();
        double y0 = snappedTopInset();
        double w = getWidth() - x0 - snappedRightInset();
        double h = getHeight() - y0 - snappedBottomInset();
        if (pager.isVisible()) {
            double ph = pager.prefHeight(-1);
            double pw = pager.prefWidth(ph);
            pager.resizeRelocate(x0 + (w - pw) / 2, y0 + h - ph, pw, ph);
            h -= ph + GAP;
        }
        if (filmstrip.get()) {
            layoutFilmstrip(order, x0, y0 + h, w);
        } else if (speakerLayout()) {
            layoutSpeaker(x0, y0, w, h);
        } else {
            layoutGallery(pageTiles(), x0, y0, w, h);
        }
        reportShown(w, h);
    }

    /** What the layout just put on display, when that changed: page, layout, window size, roster, speaker. */
    private void reportShown(double w, double h) {
        if (w <= 0 || h <= 0) {
            return; // not laid out at a size yet: nothing to say (an empty view would stop every camera)
        }
        Window window = getScene() == null ? null : getScene().getWindow();
        double scaleX = window == null ? 1 : window.getOutputScaleX();
        double scaleY = window == null ? 1 : window.getOutputScaleY();
        List<ShownCamera> now = new ArrayList<>();
        for (ParticipantTile tile : order) {
            if (tile.isVisible() && !tile.isSelf() && tile.getWidth() > 0 && tile.getHeight() > 0) {
                now.add(new ShownCamera(tile.participantId(), (int) Math.max(1, Math.round(tile.getWidth() * scaleX)),
                        (int) Math.max(1, Math.round(tile.getHeight() * scaleY))));
            }
        }
        if (!now.equals(shownCameras.get())) {
            List<ShownCamera> shown = List.copyOf(now);
            shownCameras.set(shown);
            if (model != null) {
                model.gridShows(shown);
            }
        }
    }

    private void layoutGallery(List<ParticipantTile> shown, double x0, double y0, double w, double h) {
        GridShape shape = GridShape.of(shown.size());
        double cellW = (w - GAP * (shape.columns() - 1)) / shape.columns();
        double cellH = (h - GAP * (shape.rows() - 1)) / shape.rows();
        double tileW = Math.max(0, Math.min(cellW, cellH * ASPECT));
        double tileH = Math.max(0, Math.min(cellH, tileW / ASPECT));
        double gridW = tileW * shape.columns() + GAP * (shape.columns() - 1);
        double gridH = tileH * shape.rows() + GAP * (shape.rows() - 1);
        double top = y0 + (h - gridH) / 2;
        for (int i = 0; i < shown.size(); i++) {
            int row = i / shape.columns();
            int col = i % shape.columns();
            int inRow = Math.min(shape.columns(), shown.size() - row * shape.columns());
            // A short last row is centered, as in the usual meeting apps.
            double rowW = tileW * inRow + GAP * (inRow - 1);
            double left = x0 + (w - Math.max(rowW, 0)) / 2;
            if (inRow == shape.columns()) {
                left = x0 + (w - gridW) / 2;
            }
            shown.get(i).resizeRelocate(snapPositionX(left + col * (tileW + GAP)),
                    snapPositionY(top + row * (tileH + GAP)), snapSizeX(tileW), snapSizeY(tileH));
        }
    }

    private void layoutSpeaker(double x0, double y0, double w, double h) {
        List<ParticipantTile> shown = speakerOrder();
        if (shown.isEmpty()) {
            return;
        }
        boolean strip = shown.size() > 1;
        double bigH = strip ? h - filmstripHeight.get() - GAP : h;
        layoutGallery(List.of(shown.getFirst()), x0, y0, w, bigH);
        if (!strip) {
            return;
        }
        layoutFilmstrip(shown.subList(1, shown.size()), x0, y0 + h, w);
    }

    /** One row of small tiles whose bottom edge is at {@code bottom}. */
    private void layoutFilmstrip(List<ParticipantTile> others, double x0, double bottom, double w) {
        if (others.isEmpty()) {
            return;
        }
        // Shrink the filmstrip tiles to fit everyone, down to a readable minimum; beyond that the rest is hidden.
        double stripTileW = Math.max(MIN_FILMSTRIP_WIDTH,
                Math.min(filmstripHeight.get() * ASPECT, (w - GAP * (others.size() - 1)) / others.size()));
        double stripTileH = Math.min(filmstripHeight.get(), stripTileW / ASPECT);
        int fits = Math.max(1, (int) ((w + GAP) / (stripTileW + GAP)));
        int count = Math.min(fits, others.size());
        double stripW = count * stripTileW + (count - 1) * GAP;
        double left = x0 + (w - stripW) / 2;
        for (int i = 0; i < others.size(); i++) {
            ParticipantTile tile = others.get(i);
            tile.setVisible(i < count);
            tile.resizeRelocate(snapPositionX(left + i * (stripTileW + GAP)), snapPositionY(bottom - stripTileH),
                    snapSizeX(stripTileW), snapSizeY(stripTileH));
        }
    }

    @Override
    protected double computePrefWidth(double height) {
        return 640;
    }

    @Override
    protected double computePrefHeight(double width) {
        return filmstrip.get() ? filmstripHeight.get() + snappedTopInset() + snappedBottomInset() : 360;
    }
}
