package dev.confab.ui.screenshots;

import dev.confab.ui.common.LevelMeter;
import dev.confab.ui.video.VideoView;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;

import java.awt.Rectangle;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The parts of a scene whose pixels change from run to run and so are left out of the comparison with the
 * reference: live video, level meters, and nodes a test names by CSS selector (clocks, random ports,
 * fingerprints, temporary paths). Call on the JavaFX thread.
 */
public final class LiveRegions {

    private LiveRegions() {
    }

    /** The regions of every visible video view and level meter, and of every node matching one of {@code selectors}. */
    public static List<Rectangle> in(Scene scene, Set<String> selectors) {
        List<Rectangle> regions = new ArrayList<>();
        collect(scene.getRoot(), regions);
        for (String selector : selectors) {
            scene.getRoot().lookupAll(selector).stream().filter(Node::isVisible).forEach(n -> regions.add(bounds(n)));
        }
        return regions;
    }

    private static void collect(Node node, List<Rectangle> regions) {
        if (!node.isVisible()) {
            return;
        }
        if (node instanceof VideoView || node instanceof LevelMeter) {
            regions.add(bounds(node));
            return;
        }
        if (node instanceof Parent parent) {
            for (Node child : parent.getChildrenUnmodifiable()) {
                collect(child, regions);
            }
        }
    }

    /** The node's bounds in scene pixels, one pixel wider on each side for anti-aliased edges. */
    private static Rectangle bounds(Node node) {
        Bounds b = node.localToScene(node.getBoundsInLocal());
        int x = (int) Math.floor(b.getMinX()) - 1;
        int y = (int) Math.floor(b.getMinY()) - 1;
        return new Rectangle(x, y, (int) Math.ceil(b.getMaxX()) + 1 - x, (int) Math.ceil(b.getMaxY()) + 1 - y);
    }
}
