package dev.confab.meeting;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Which server a {@link MeetingSession} talks to (docs/protocol.md section 6.12): the one the user gave (the front
 * door) until a cluster {@code redirect}s it to the node that serves its meeting; when that node stops answering,
 * the other nodes it announced ({@code cluster_nodes}), then the front door again. Redirects never lower the
 * transport's security (no wss:// to ws://), and at most {@link #MAX_REDIRECTS} are followed in a row, so two
 * misconfigured nodes cannot bounce a client forever. Confined to the session's event thread.
 */
final class ServerRoute {

    static final int MAX_REDIRECTS = 3;

    private final URI frontDoor;
    /** Volatile: {@link MeetingSession#currentServer()} reads it from any thread. */
    private volatile URI current;
    private URI joinedOn;
    private List<URI> otherNodes = List.of();
    private int redirects;
    private int failovers;

    ServerRoute(URI frontDoor) {
        this.frontDoor = Objects.requireNonNull(frontDoor);
        this.current = frontDoor;
        this.joinedOn = frontDoor;
    }

    URI current() {
        return current;
    }

    /**
     * Follows a redirect to {@code url}; false (staying where it is) when the address is not a ws:// or wss:// URL,
     * would leave wss:// for ws://, or one redirect too many was asked in a row.
     */
    boolean redirect(String url) {
        URI target;
        try {
            target = new URI(url);
        } catch (java.net.URISyntaxException | NullPointerException e) {
            return false;
        }
        boolean secureNow = "wss".equals(current.getScheme());
        boolean acceptable = target.getHost() != null
                && ("wss".equals(target.getScheme()) || !secureNow && "ws".equals(target.getScheme()));
        if (!acceptable || redirects >= MAX_REDIRECTS) {
            return false;
        }
        redirects++;
        current = target;
        return true;
    }

    /** The server answered with {@code joined}: redirects start counting afresh, and this is where the meeting is. */
    void settled() {
        redirects = 0;
        failovers = 0;
        joinedOn = current;
    }

    /** A new reconnect attempt may follow redirects again. */
    void newAttempt() {
        redirects = 0;
    }

    /** The cluster's other nodes, as the server announced them ({@code cluster_nodes}); bad addresses are skipped. */
    void otherNodes(List<String> urls) {
        List<URI> parsed = new ArrayList<>();
        for (String url : urls) {
            try {
                URI uri = new URI(url);
                if (uri.getHost() != null && ("wss".equals(uri.getScheme()) || "ws".equals(uri.getScheme()))) {
                    parsed.add(uri);
                }
            } catch (java.net.URISyntaxException e) {
                // skipped: the rest still helps
            }
        }
        otherNodes = List.copyOf(parsed);
    }

    /**
     * The current server did not answer: on to the next of the other nodes, the front door and the server the
     * meeting was on, in turn, so that every one of them gets tried.
     */
    void failover() {
        Set<URI> candidates = new LinkedHashSet<>(otherNodes);
        candidates.add(frontDoor);
        candidates.add(joinedOn);
        List<URI> ordered = List.copyOf(candidates);
        for (int i = 0; i < ordered.size(); i++) {
            URI next = ordered.get(failovers++ % ordered.size());
            if (!next.equals(current)) {
                current = next;
                return;
            }
        }
    }

    /** True while the session is being taken to another server than the one its meeting was on. */
    boolean moving() {
        return !current.equals(joinedOn);
    }
}
