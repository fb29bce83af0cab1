package dev.confab.ui.common;

import dev.confab.media.AudioLevel;
import dev.confab.ui.video.Pulses;
import javafx.geometry.Orientation;
import javafx.scene.AccessibleRole;
import javafx.scene.layout.Region;

/**
 * A microphone level bar: the voice level ({@link AudioLevel#meter()}, which jumps up with the voice and falls
 * back slowly) as the filled part, the latest block's peak as a thin mark. The lobby's meter is a wide
 * horizontal bar that redraws itself once per pulse; a video tile's meter is a small vertical bar that fills
 * upwards and is redrawn by its grid ({@link #refresh()}), so one timer serves every tile. Either way the meter
 * only reads the level's volatile fields on the FX thread: the audio thread never touches the scene graph and
 * neither side waits for the other.
 */
public final class LevelMeter extends Region {
    private final Orientation orientation;
    private final Region fill = new Region();
    private final Region peak = new Region();
    private volatile AudioLevel source;
    private double levelFraction;
    private double peakFraction;

    /** The lobby's meter: horizontal, redrawn on every pulse while it is in a scene. */
    public LevelMeter() {
        this(Orientation.HORIZONTAL);
        Pulses.whileInScene(this, this::refresh);
    }

    private LevelMeter(Orientation orientation) {
        this.orientation = orientation;
        getStyleClass().add("level-meter");
        if (orientation == Orientation.VERTICAL) {
            getStyleClass().add("vertical");
        }
        fill.getStyleClass().add("level-fill");
        peak.getStyleClass().add("level-peak");
        // Unmanaged: moving the bars every pulse must not lay out the tile, the grid or the lobby card again.
        fill.setManaged(false);
        peak.setManaged(false);
        getChildren().addAll(fill, peak);
        setAccessibleRole(AccessibleRole.PROGRESS_INDICATOR);
    }

    /** A small vertical meter that only changes when its owner calls {@link #refresh()} (once per pulse). */
    public static LevelMeter vertical() {
        return new LevelMeter(Orientation.VERTICAL);
    }

    /** The level to display; null shows silence (microphone off). Any thread. */
    public void setSource(AudioLevel level) {
        this.source = level;
    }

    /** Reads the source once and redraws if the level moved. FX thread; allocates nothing. */
    public void refresh() {
        AudioLevel s = source;
        double level = s == null ? 0 : s.meter();
        double peakLevel = s == null ? 0 : AudioLevel.meterValue(s.latest().peakDbfs());
        if (level != levelFraction || peakLevel != peakFraction) {
            levelFraction = level;
            peakFraction = peakLevel;
            placeBars();
        }
    }

    /** Filled fraction of the bar, 0..1 (what the user sees; also for tests). */
    public double fraction() {
        return levelFraction;
    }

    @Override
    protected void layoutChildren() {
        placeBars();
    }

    private void placeBars() {
        double x = snappedLeftInset();
        double y = snappedTopInset();
        double w = getWidth() - x - snappedRightInset();
        double h = getHeight() - y - snappedBottomInset();
        peak.setVisible(peakFraction > 0);
        if (orientation == Orientation.HORIZONTAL) {
            fill.resizeRelocate(x, y, Math.round(w * levelFraction), h);
            peak.resizeRelocate(x + Math.max(0, Math.round(w * peakFraction) - 2), y, 2, h);
        } else {
            double filled = Math.round(h * levelFraction);
            fill.resizeRelocate(x, y + h - filled, w, filled);
            peak.resizeRelocate(x, y + h - Math.max(1, Math.round(h * peakFraction)), w, 1);
        }
    }

    @Override
    protected double computePrefWidth(double height) {
        return orientation == Orientation.HORIZONTAL ? 200 : 6;
    }

    @Override
    protected double computePrefHeight(double width) {
        return orientation == Orientation.HORIZONTAL ? 8 : 16;
    }
}
