package dev.confab.privacy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * Asks once before the first use of a {@link Permission} and remembers the answer. Call {@link #ask} before
 * turning on the camera, microphone, screen sharing, recording or diagnostics; it completes with true when the
 * feature may be used. Answers are saved on {@code io}, never on the caller's (FX) thread.
 */
public final class PermissionGate implements PermissionCheck {
    private static final Logger LOG = LoggerFactory.getLogger(PermissionGate.class);

    private final PrivacySettingsStore store;
    private final Executor io;
    private final Function<Permission, CompletionStage<Boolean>> prompt;
    private volatile PrivacySettings current;
    /** The prompt now open or waiting, per permission (guarded by this). */
    private final java.util.Map<Permission, CompletableFuture<Boolean>> pending = new java.util.EnumMap<>(Permission.class);
    /** Completes when the last prompt asked for has been answered: the next one waits for it (guarded by this). */
    private CompletableFuture<Void> prompts = CompletableFuture.completedFuture(null);
    /**
     * Completes once the stored answers are read. An ask before that waits for them: answering from the defaults
     * prompted a user who had granted the camera on an earlier run whenever the lobby asked before the io thread had
     * read the file (a UI test caught it: the preview waited behind a prompt nobody was shown to answer).
     */
    private final CompletableFuture<Void> loaded;

    /**
     * Starts with nothing answered and reads the stored answers on {@code io} (ahead of any answer saved there).
     *
     * @param prompt asks the user (with the one-line reason) and completes with their answer
     */
    public PermissionGate(PrivacySettingsStore store, Executor io, Function<Permission, CompletionStage<Boolean>> prompt) {
        this.store = store;
        this.current = PrivacySettings.defaults();
        this.io = io;
        this.prompt = prompt;
        this.loaded = CompletableFuture.runAsync(() -> current = store.load(), io);
    }

    public Permission.State state(Permission permission) {
        return current.state(permission);
    }

    /**
     * True at once when granted, false at once when denied; otherwise asks, remembers and answers. Prompts come one
     * after the other (right after consent the camera and the microphone are both wanted: two dialogs at once
     * would stack), and a permission asked again while its prompt is open shares that prompt's answer.
     */
    @Override
    public synchronized CompletionStage<Boolean> ask(Permission permission) {
        if (!loaded.isDone()) {
            return loaded.handle((done, error) -> null).thenCompose(done -> ask(permission));
        }
        if (state(permission) != Permission.State.UNASKED) {
            return CompletableFuture.completedFuture(state(permission) == Permission.State.GRANTED);
        }
        CompletableFuture<Boolean> open = pending.get(permission);
        if (open != null) {
            return open;
        }
        CompletableFuture<Boolean> answer = prompts.thenCompose(previousDone -> switch (state(permission)) {
            case GRANTED -> CompletableFuture.completedFuture(true);
            case DENIED -> CompletableFuture.completedFuture(false);
            case UNASKED -> prompt.apply(permission).thenApply(granted -> {
                set(permission, granted ? Permission.State.GRANTED : Permission.State.DENIED);
                return granted;
            });
        });
        pending.put(permission, answer);
        prompts = answer.handle((granted, error) -> null);
        answer.whenComplete((granted, error) -> forget(permission, answer));
        return answer;
    }

    private synchronized void forget(Permission permission, CompletableFuture<Boolean> answer) {
        pending.remove(permission, answer);
    }

    /** The user answered without a prompt (the diagnostics switch): remembered and saved like a prompt's answer. */
    public void answer(Permission permission, boolean granted) {
        set(permission, granted ? Permission.State.GRANTED : Permission.State.DENIED);
    }

    /** Re-reads the stored answers on the io thread, after something else wrote them (the first screen's switches). */
    public void reload() {
        io.execute(() -> current = store.load());
    }

    /** Privacy center → Revoke: the next use asks again. */
    public void revoke(Permission permission) {
        set(permission, Permission.State.UNASKED);
    }

    private synchronized void set(Permission permission, Permission.State state) {
        // Re-read so a change made elsewhere (history switch, public mode) is not overwritten.
        PrivacySettings next = current.with(permission, state);
        current = next;
        io.execute(() -> {
            try {
                store.save(store.load().with(permission, state));
            } catch (IOException e) {
                LOG.warn("Could not save the permission answer: {}", e.toString());
            }
        });
    }
}
