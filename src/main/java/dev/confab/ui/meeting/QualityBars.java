package dev.confab.ui.meeting;

import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;

/** Network quality as four bars of rising height, 0 (none lit: very poor) to 4 (all lit: excellent). */
public final class QualityBars extends HBox {
    private static final PseudoClass LIT = PseudoClass.getPseudoClass("lit");
    private static final PseudoClass POOR = PseudoClass.getPseudoClass("poor");
    private final Region[] bars = new Region[4];
    private int quality = 4;

    public QualityBars() {
        super(2);
        getStyleClass().add("quality-bars");
        setAlignment(Pos.BOTTOM_LEFT);
        for (int i = 0; i < bars.length; i++) {
            Region bar = new Region();
            bar.getStyleClass().add("quality-bar");
            double h = 4 + i * 3;
            bar.setMinSize(3, h);
            bar.setPrefSize(3, h);
            bar.setMaxSize(3, h);
            bars[i] = bar;
            getChildren().add(bar);
        }
        setMaxSize(USE_PREF_SIZE, USE_PREF_SIZE);
        setQuality(4);
    }

    /** @param value 0..4; values outside are clamped */
    public void setQuality(int value) {
        quality = Math.clamp(value, 0, 4);
        for (int i = 0; i < bars.length; i++) {
            bars[i].pseudoClassStateChanged(LIT, i < quality);
            bars[i].pseudoClassStateChanged(POOR, quality <= 1);
        }
    }

    public int quality() {
        return quality;
    }
}
