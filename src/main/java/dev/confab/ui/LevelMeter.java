package dev.confab.ui;

import dev.confab.media.AudioLevel;
import javafx.animation.AnimationTimer;
import javafx.scene.AccessibleRole;
import javafx.scene.layout.Region;

/**
 * A horizontal microphone level bar: loudness (RMS) as the filled part, the block's peak as a thin mark.
 * It reads {@link AudioLevel#latest()} once per pulse, so the audio thread never touches the scene graph.
 */
public final class LevelMeter extends Region {
    /** Levels below this are drawn as an empty bar; speech sits around -30..-10 dBFS. */
    static final double FLOOR_DBFS = -60.0;

    private final Region fill = new Region();
    private final Region peak = new Region();
    private volatile AudioLevel source;
    private double rmsFraction;
    private double peakFraction;

    private final AnimationTimer pulse = new AnimationTimer() {
        @Override
        public void handle(long now) {
            AudioLevel s = source;
            AudioLevel.Level level = s == null ? AudioLevel.Level.SILENT : s.latest();
            show(level);
        }
    };

    public LevelMeter() {
        getStyleClass().add("level-meter");
        fill.getStyleClass().add("level-fill");
        peak.getStyleClass().add("level-peak");
        getChildren().addAll(fill, peak);
        setAccessibleRole(AccessibleRole.PROGRESS_INDICATOR);
        sceneProperty().addListener((obs, old, scene) -> {
            if (scene != null) {
                pulse.start();
            } else {
                pulse.stop();
            }
        });
    }

    /** The level to display; null shows silence (microphone off). Any thread. */
    public void setSource(AudioLevel level) {
        this.source = level;
    }

    /** Filled fraction of the bar, 0..1 (for tests and accessibility). */
    public double fraction() {
        return rmsFraction;
    }

    static double fractionOf(double dbfs) {
        return Math.max(0, Math.min(1, (dbfs - FLOOR_DBFS) / -FLOOR_DBFS));
    }

    private void show(AudioLevel.Level level) {
        double r = fractionOf(level.rmsDbfs());
        double p = fractionOf(level.peakDbfs());
        if (r != rmsFraction || p != peakFraction) {
            rmsFraction = r;
            peakFraction = p;
            requestLayout();
        }
    }

    @Override
    protected void layoutChildren() {
        double x = snappedLeftInset();
        double y = snappedTopInset();
        double w = getWidth() - x - snappedRightInset();
        double h = getHeight() - y - snappedBottomInset();
        fill.resizeRelocate(x, y, Math.round(w * rmsFraction), h);
        peak.setVisible(peakFraction > 0);
        peak.resizeRelocate(x + Math.max(0, Math.round(w * peakFraction) - 2), y, 2, h);
    }

    @Override
    protected double computePrefWidth(double height) {
        return 200;
    }

    @Override
    protected double computePrefHeight(double width) {
        return 8;
    }
}
