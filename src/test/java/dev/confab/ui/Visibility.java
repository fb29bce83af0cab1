package dev.confab.ui;

import javafx.scene.Node;

/** Whether a user could see a node: it and every ancestor are visible, and it is in a scene. */
final class Visibility {
    private Visibility() {
    }

    static boolean shown(Node node) {
        if (node.getScene() == null) {
            return false;
        }
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return true;
    }
}
