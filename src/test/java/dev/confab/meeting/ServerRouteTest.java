package dev.confab.meeting;

import dev.confab.testing.UnitTest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@UnitTest
class ServerRouteTest {

    private static final URI FRONT = URI.create("wss://meet.example.org:47100");

    @Test
    void aRedirectIsFollowedAndTheMeetingIsWhereTheClientJoined() {
        ServerRoute route = new ServerRoute(FRONT);
        assertThat(route.redirect("wss://node-b.example.org:47100")).isTrue();
        assertThat(route.current()).isEqualTo(URI.create("wss://node-b.example.org:47100"));
        assertThat(route.moving()).as("joining, not moving").isTrue();
        route.settled();
        assertThat(route.moving()).isFalse();
    }

    @Test
    void noRedirectLowersSecurityOrLeadsNowhere() {
        ServerRoute route = new ServerRoute(FRONT);
        assertThat(route.redirect("ws://node-b.example.org:47100")).as("wss to ws").isFalse();
        assertThat(route.redirect("https://node-b.example.org")).isFalse();
        assertThat(route.redirect("not a url")).isFalse();
        assertThat(route.redirect(null)).isFalse();
        assertThat(route.current()).isEqualTo(FRONT);
    }

    @Test
    void aLoopOfRedirectsStopsAfterThree() {
        ServerRoute route = new ServerRoute(FRONT);
        for (int i = 0; i < ServerRoute.MAX_REDIRECTS; i++) {
            assertThat(route.redirect("wss://node-" + i + ".example.org")).isTrue();
        }
        assertThat(route.redirect("wss://one-more.example.org")).isFalse();
        route.newAttempt();
        assertThat(route.redirect("wss://one-more.example.org")).as("a new attempt counts afresh").isTrue();
    }

    @Test
    void whenTheServerStopsAnsweringEachOtherNodeAndTheFrontDoorAreTriedInTurn() {
        ServerRoute route = new ServerRoute(FRONT);
        route.redirect("wss://a.example.org");
        route.settled();
        route.otherNodes(List.of("wss://b.example.org", "bad url", "wss://c.example.org"));

        List<URI> tried = new ArrayList<>();
        List<Boolean> moving = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            route.failover();
            tried.add(route.current());
            moving.add(route.moving());
        }
        assertThat(moving).as("moving while on another server than the meeting's").containsExactly(true, true, true, false);
        assertThat(tried).as("every other node, the front door, then the first node again (it may be back)")
                .containsExactly(URI.create("wss://b.example.org"), URI.create("wss://c.example.org"), FRONT,
                        URI.create("wss://a.example.org"));
    }
}
