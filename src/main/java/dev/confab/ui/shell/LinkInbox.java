package dev.confab.ui.shell;

import dev.confab.policy.DeepLink;
import javafx.application.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Meeting links handed to Confab from outside: the command line at start, a second launch (see
 * {@code app.SingleInstance}), or macOS's "open URL" event. Links may arrive on any thread and before the user
 * agreed to the privacy notice; they wait here until the app shell {@link #open opens} the inbox after consent,
 * then each is handed to it on the FX thread.
 */
public final class LinkInbox {
    private static final Logger LOG = LoggerFactory.getLogger(LinkInbox.class);

    /** What arrived. */
    public sealed interface Request {
        /** A valid join link: fill in the lobby and ask before joining. */
        record Join(DeepLink link) implements Request {
        }

        /** A link Confab will not use; {@code reason} is shown in the lobby, in the user's language. */
        record Refused(DeepLink.InvalidDeepLinkException reason) implements Request {
        }

        /** Confab was started again without a link: just come to the front. */
        record Show() implements Request {
        }
    }

    private final List<Request> waiting = new ArrayList<>();
    private Consumer<Request> handler;
    private Runnable onArrival;

    /** Parses a message from another process or the OS: empty means "come to the front". Any thread. */
    public void offerText(String message) {
        if (message == null || message.isBlank()) {
            offer(new Request.Show());
            return;
        }
        try {
            offer(new Request.Join(DeepLink.parse(message.strip())));
        } catch (DeepLink.InvalidDeepLinkException e) {
            LOG.warn("Ignoring a meeting link: {}", e.getMessage());
            offer(new Request.Refused(e));
        }
    }

    /** Any thread. */
    public void offer(Request request) {
        Consumer<Request> target;
        synchronized (this) {
            if (onArrival != null) {
                Platform.runLater(onArrival);
            }
            if (handler == null) {
                waiting.add(request);
                return;
            }
            target = handler;
        }
        Platform.runLater(() -> target.accept(request));
    }

    /**
     * Runs {@code action} on the FX thread whenever something arrives from now on, even while requests still
     * wait for consent: a second launch must at least bring the window to the front.
     */
    synchronized void onArrival(Runnable action) {
        onArrival = action;
    }

    /** Starts delivering, first whatever waited, on the FX thread. Called once, after consent. */
    void open(Consumer<Request> target) {
        List<Request> backlog;
        synchronized (this) {
            if (handler != null) {
                return;
            }
            handler = target;
            backlog = List.copyOf(waiting);
            waiting.clear();
        }
        backlog.forEach(r -> Platform.runLater(() -> target.accept(r)));
    }
}
