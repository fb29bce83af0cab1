package dev.confab.ui.meeting;

import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;

import java.util.Locale;

/** Initials in a colored circle, shown instead of video while a participant's camera is off. */
final class Avatar extends StackPane {
    private static final Color[] PALETTE = {
            Color.web("#0969da"), Color.web("#1a7f37"), Color.web("#8250df"), Color.web("#bf3989"),
            Color.web("#bc4c00"), Color.web("#0550ae"), Color.web("#116329"), Color.web("#953800")};

    private final Circle circle = new Circle(40);
    private final Label initials = new Label();

    Avatar() {
        getStyleClass().add("avatar");
        initials.getStyleClass().add("avatar-initials");
        getChildren().addAll(circle, initials);
        setMinSize(0, 0);
    }

    void setName(String name) {
        initials.setText(initialsOf(name));
        circle.setFill(PALETTE[Math.floorMod(name.hashCode(), PALETTE.length)]);
    }

    /** Scales with the tile so that small filmstrip tiles and big speaker tiles both look right. */
    void setDiameter(double diameter) {
        circle.setRadius(diameter / 2);
        initials.setStyle("-fx-font-size: " + Math.max(10, Math.round(diameter * 0.38)) + "px;");
    }

    /** "Ada Lovelace" → "AL", "ada" → "A", "王小明" → "王" (a name without spaces gives its first character). */
    static String initialsOf(String name) {
        String[] words = name.strip().split("\\s+");
        StringBuilder out = new StringBuilder();
        for (String word : words) {
            if (!word.isEmpty() && out.length() < 2) {
                out.appendCodePoint(word.codePointAt(0));
            }
            if (out.codePointCount(0, out.length()) == 2) {
                break;
            }
        }
        return out.toString().toUpperCase(Locale.ROOT);
    }
}
