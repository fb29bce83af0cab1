package dev.confab.ui.meeting;

import dev.confab.media.AudioLevel;
import dev.confab.ui.common.Icons;
import dev.confab.ui.common.LevelMeter;
import dev.confab.ui.common.UiText;
import dev.confab.meeting.Attendee;
import dev.confab.ui.video.VideoView;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.shape.Rectangle;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignM;

/**
 * One participant in the video grid: video (mirrored for oneself) while the camera is on and frames arrive,
 * otherwise an avatar with initials; name, a live microphone level (a muted-microphone icon instead while muted),
 * host badge, network quality, optional statistics, and a highlight while speaking ({@code :speaking}, driven by
 * {@link #setSpeaking}). Tiles live as long as the participant is in the meeting and are updated in place.
 */
public final class ParticipantTile extends StackPane {
    static final PseudoClass SPEAKING = PseudoClass.getPseudoClass("speaking");
    static final PseudoClass DISCONNECTED = PseudoClass.getPseudoClass("disconnected");

    private final int participantId;
    private final boolean self;
    private final UiText text;
    private final VideoView video = new VideoView();
    private final Avatar avatar = new Avatar();
    private final Label name = new Label();
    private final FontIcon mutedIcon = Icons.of(MaterialDesignM.MICROPHONE_OFF);
    private final LevelMeter level = LevelMeter.vertical();
    private final Label hostBadge = new Label(null, Icons.of(MaterialDesignC.CROWN));
    private final QualityBars quality = new QualityBars();
    private final Label stats = new Label();
    private final BooleanProperty cameraOn = new SimpleBooleanProperty();
    private final BooleanProperty videoPaused = new SimpleBooleanProperty();
    private final Label videoPausedNote = new Label();
    private final BooleanProperty statsEnabled = new SimpleBooleanProperty();
    private final ParticipantRow row;

    ParticipantTile(ParticipantRow row, UiText text) {
        this.row = row;
        this.participantId = row.id();
        this.self = row.self();
        this.text = text;
        getStyleClass().add("participant-tile");
        setId("tile-" + participantId);
        setMinSize(0, 0);
        Rectangle clip = new Rectangle();
        clip.widthProperty().bind(widthProperty());
        clip.heightProperty().bind(heightProperty());
        clip.setArcWidth(14);
        clip.setArcHeight(14);
        setClip(clip);

        video.setMirrored(self);
        video.setMinSize(0, 0);
        video.visibleProperty().bind(cameraOn.and(videoPaused.not()).and(video.showingPictureProperty()));
        avatar.visibleProperty().bind(video.visibleProperty().not());

        name.getStyleClass().add("tile-name");
        name.setMinWidth(0); // on small tiles the name shortens, the badges stay
        hostBadge.setMinWidth(USE_PREF_SIZE);
        mutedIcon.getStyleClass().add("tile-muted");
        mutedIcon.setId("muted-" + participantId);
        level.getStyleClass().add("tile-level");
        level.setId("level-" + participantId);
        level.accessibleTextProperty().bind(text.bind("meeting.tile.level"));
        FontIcon micIcon = Icons.of(MaterialDesignM.MICROPHONE);
        micIcon.getStyleClass().add("tile-mic");
        HBox micLevel = new HBox(1, micIcon, level);
        micLevel.setAlignment(Pos.CENTER);
        micLevel.visibleProperty().bind(mutedIcon.visibleProperty().not());
        micLevel.managedProperty().bind(micLevel.visibleProperty());
        hostBadge.getStyleClass().add("tile-host");
        hostBadge.textProperty().bind(text.bind("meeting.host"));
        HBox nameBar = new HBox(6, mutedIcon, micLevel, name, hostBadge);
        nameBar.setAlignment(Pos.CENTER_LEFT);
        nameBar.getStyleClass().add("tile-name-bar");
        nameBar.setMaxSize(USE_PREF_SIZE, USE_PREF_SIZE);
        nameBar.setMinWidth(0);
        StackPane.setAlignment(nameBar, Pos.BOTTOM_LEFT);
        StackPane.setMargin(nameBar, new Insets(6));

        quality.getStyleClass().add("tile-quality");
        StackPane.setAlignment(quality, Pos.TOP_RIGHT);
        StackPane.setMargin(quality, new Insets(8));

        stats.getStyleClass().add("tile-stats");
        stats.setWrapText(true);
        stats.visibleProperty().bind(statsEnabled.and(Bindings.isNotEmpty(stats.textProperty())));
        stats.setMaxHeight(USE_PREF_SIZE);
        stats.maxWidthProperty().bind(widthProperty().subtract(56)); // keeps the quality bars in view
        StackPane.setAlignment(stats, Pos.TOP_LEFT);
        StackPane.setMargin(stats, new Insets(6));

        videoPausedNote.getStyleClass().add("tile-video-paused");
        videoPausedNote.setId("video-paused-" + participantId);
        videoPausedNote.textProperty().bind(text.bind("meeting.tile.videoPaused"));
        videoPausedNote.accessibleHelpProperty().bind(text.bind("meeting.tile.videoPausedWhy"));
        Tooltip why = new Tooltip();
        why.textProperty().bind(text.bind("meeting.tile.videoPausedWhy"));
        why.setWrapText(true);
        why.setMaxWidth(320);
        videoPausedNote.setTooltip(why);
        videoPausedNote.setMaxWidth(USE_PREF_SIZE);
        // Between the avatar and the name bar, centred, one line: an HBox gives the note its own width and shortens
        // it on small tiles (the tooltip and the accessible help say it all).
        HBox pausedBar = new HBox(videoPausedNote);
        pausedBar.setAlignment(Pos.CENTER);
        pausedBar.setMaxHeight(USE_PREF_SIZE);
        pausedBar.setPickOnBounds(false);
        pausedBar.visibleProperty().bind(cameraOn.and(videoPaused));
        StackPane.setAlignment(pausedBar, Pos.BOTTOM_CENTER);
        StackPane.setMargin(pausedBar, new Insets(0, 6, 33, 6));

        getChildren().addAll(avatar, video, nameBar, quality, stats, pausedBar);
        TileBadges.addTo(this, row, text);
        bindToRow();
    }

    /** The name line as shown, for tests. */
    String nameShown() {
        return name.getText();
    }

    /** The name ("Lin #7 (you)"), flags and camera follow the row; the tile lives as long as the row. */
    private void bindToRow() {
        name.textProperty().bind(self ? Bindings.createStringBinding(() -> text.get("meeting.you", row.label()),
                row.labelProperty(), text.localeProperty()) : row.labelProperty());
        avatar.setName(row.attendee().displayName());
        row.attendeeProperty().addListener((obs, old, now) -> avatar.setName(now.displayName()));
        mutedIcon.visibleProperty().bind(row.mutedProperty());
        mutedIcon.managedProperty().bind(row.mutedProperty());
        hostBadge.visibleProperty().bind(row.hostProperty());
        hostBadge.managedProperty().bind(row.hostProperty());
        pseudoClassStateChanged(DISCONNECTED, !row.connectedProperty().get());
        row.connectedProperty().addListener((obs, old, now) -> pseudoClassStateChanged(DISCONNECTED, !now));
        pseudoClassStateChanged(SPEAKING, row.speakingProperty().get());
        row.speakingProperty().addListener((obs, old, now) -> pseudoClassStateChanged(SPEAKING, now));
        cameraOn.set(row.cameraOnProperty().get());
        row.cameraOnProperty().addListener((obs, was, on) -> {
            if (was && !on) {
                video.clear(); // no frozen last frame when the camera goes off
            }
            cameraOn.set(on);
        });
    }

    /** Whose voice the meter shows (null: silence). Any thread; drawn at the next {@link #refreshLevel()}. */
    public void setLevelSource(AudioLevel source) {
        level.setSource(source);
    }

    /** Redraws the level meter from its source. FX thread, once per pulse (see {@link VideoGrid}). */
    void refreshLevel() {
        level.refresh();
    }

    /** The level the user sees: 0..1, and 0 while the muted icon stands in for the meter. */
    public double shownLevel() {
        return level.getParent().isVisible() ? level.fraction() : 0;
    }

    public int participantId() {
        return participantId;
    }

    public Attendee participant() {
        return row.attendee();
    }

    public boolean isSelf() {
        return self;
    }

    /** Where decoded video of this participant goes (any thread may call its {@code onFrame}). */
    public VideoView videoView() {
        return video;
    }

    /**
     * The server stopped sending this camera because this computer's connection cannot carry it now (docs/protocol.md
     * section 9.1, {@code cameras_paused}): the avatar and a note instead of a frozen picture. FX thread.
     */
    public void setVideoPaused(boolean value) {
        if (value && !videoPaused.get()) {
            video.clear();
        }
        videoPaused.set(value);
    }

    /** Whether the tile says its video is paused for the connection. FX thread. */
    public boolean videoPaused() {
        return videoPaused.get() && videoPausedNote.getParent().isVisible();
    }

    /** Active-speaker highlight; the audio level detector drives it. FX thread. */
    public void setSpeaking(boolean value) {
        row.setSpeaking(value);
    }

    public boolean isSpeaking() {
        return row.speakingProperty().get();
    }

    /** Network quality 0 (very poor) .. 4 (excellent). FX thread. */
    public void setQuality(int value) {
        quality.setQuality(value);
    }

    public int quality() {
        return quality.quality();
    }

    /** Statistics text (resolution, fps, bitrate, loss…), shown while "Show statistics" is on. FX thread. */
    public void setStats(String value) {
        stats.setText(value == null ? "" : value);
    }

    /** The statistics text shown while "Show statistics" is on. FX thread. */
    public String statsText() {
        return stats.getText();
    }

    BooleanProperty statsEnabledProperty() {
        return statsEnabled;
    }

    /** True when the avatar, not video, is on display. */
    public boolean showsAvatar() {
        return avatar.isVisible();
    }

    public boolean showsMuted() {
        return mutedIcon.isVisible();
    }

    public String shownName() {
        return name.getText();
    }

    public boolean showsHostBadge() {
        return hostBadge.isVisible();
    }

    @Override
    protected void layoutChildren() {
        avatar.setDiameter(Math.min(getWidth(), getHeight()) * 0.36);
        avatar.setTranslateY(-getHeight() * 0.08); // clear of the name bar on small filmstrip tiles
        super.layoutChildren();
    }
}
