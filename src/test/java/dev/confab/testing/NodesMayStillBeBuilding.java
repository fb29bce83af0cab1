package dev.confab.testing;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testfx.service.query.EmptyNodeQueryException;

/**
 * In a UI test, a wait such as {@code until(() -> lookup("#table").queryTableView().getItems().size() == 1)} looks
 * a node up while the screen may still be building it. Awaitility fails at once on an exception inside the
 * condition, so on a loaded machine such a wait failed with "no matching node" instead of waiting. Only that
 * exception is treated as "not yet": any other still fails at once, and a node that never comes still times out
 * (with the lookup's message as the cause).
 */
public final class NodesMayStillBeBuilding implements BeforeAllCallback {
    @Override
    public void beforeAll(ExtensionContext context) {
        Awaitility.ignoreExceptionsByDefaultMatching(e -> e instanceof EmptyNodeQueryException);
    }
}
