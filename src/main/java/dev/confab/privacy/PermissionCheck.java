package dev.confab.privacy;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * "May Confab use this now?": completes with true when the permission is (or has just been) granted. The
 * product's is the {@link PermissionGate}, which asks once and remembers; features take this interface so their
 * tests can answer without a dialog.
 */
@FunctionalInterface
public interface PermissionCheck {
    CompletionStage<Boolean> ask(Permission permission);

    /** Asks, then runs {@code allowed} or {@code denied} on {@code thread} (the FX thread, for a feature's button). */
    default void whenAnswered(Permission permission, Executor thread, Runnable allowed, Runnable denied) {
        ask(permission).whenComplete((granted, error) -> thread.execute(Boolean.TRUE.equals(granted) ? allowed : denied));
    }
}
