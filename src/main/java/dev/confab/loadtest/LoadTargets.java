package dev.confab.loadtest;

import java.net.URI;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Where the load test's participants go: the servers they enter through (one in this process, or the nodes of a
 * cluster given with {@code --servers}) and the meeting each one is in. Participant {@code i} (0-based) is in
 * meeting {@code i % meetings}; the first of each meeting creates it. Front doors take turns, shifted per round of
 * meetings, so that with a cluster most joins arrive at a node that does not run the meeting (and are redirected)
 * and creations arrive at every node.
 */
record LoadTargets(List<URI> servers, int meetings) {

    LoadTargets {
        servers = List.copyOf(servers);
        if (servers.isEmpty() || meetings < 1) {
            throw new IllegalArgumentException("At least one server and one meeting");
        }
    }

    int meetingOf(int participant) {
        return participant % meetings;
    }

    /** True for the participant that creates its meeting (the first of it). */
    boolean creates(int participant) {
        return participant < meetings;
    }

    URI frontDoor(int participant) {
        return servers.get((participant + participant / meetings) % servers.size());
    }

    /** How many of {@code participants} are in {@code meeting}. */
    int sizeOf(int meeting, int participants) {
        return (int) IntStream.range(0, participants).filter(i -> meetingOf(i) == meeting).count();
    }

    /** Streams the server forwards: each participant's camera to everyone else it shows in its meeting. */
    int forwardedStreams(int participants, Integer show) {
        return IntStream.range(0, meetings).map(m -> {
            int size = sizeOf(m, participants);
            return size * (show == null ? size - 1 : Math.min(show, size - 1));
        }).sum();
    }

    String describe() {
        return servers.size() == 1 ? servers.getFirst().toString() : servers.size() + " servers " + servers;
    }
}
