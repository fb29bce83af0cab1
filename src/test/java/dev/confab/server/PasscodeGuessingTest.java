package dev.confab.server;

import dev.confab.testing.IntegrationTest;
import dev.confab.protocol.ClientMessage;
import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.ServerMessage;
import dev.confab.testing.MutableClock;
import dev.confab.testing.TestClient;
import dev.confab.testing.TestServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Passcode guessing is slowed by growing waits, not answered with a lockout: guesses per hour stay bounded,
 * yet someone else behind the same address (an office NAT) still gets in with the right passcode.
 */
@IntegrationTest
class PasscodeGuessingTest {

    private static final String PASSCODE = "s3cret";
    private final MutableClock clock = new MutableClock();
    private MeetingServer server;
    private String meetingId;

    @BeforeEach
    void start() throws Exception {
        // Defaults for the throttle; only the message rate is raised so one connection can guess for an hour.
        server = new MeetingServer(TestServers.loopback().messagesPerSecond(10_000, 10_000), clock);
        server.start();
        meetingId = TestClient.greeted(server.url()).create("Ada", PASSCODE).meetingId();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    /** Sends a join and returns the error, or null when it joined. */
    private ServerMessage.ErrorMessage tryJoin(TestClient client, String name, String passcode) throws InterruptedException {
        client.send(new ClientMessage.Join(meetingId, name, passcode));
        while (true) {
            ServerMessage message = client.next(ServerMessage.class);
            if (message instanceof ServerMessage.Joined) {
                return null;
            }
            if (message instanceof ServerMessage.ErrorMessage error) {
                return error;
            }
        }
    }

    /** Guesses wrong, waiting whenever told to, until {@code guesses} wrong passcodes were checked. */
    private void guessWrong(TestClient eve, int guesses) throws InterruptedException {
        for (int checked = 0; checked < guesses; ) {
            ServerMessage.ErrorMessage error = tryJoin(eve, "Eve", "guess" + checked);
            if (error.code() == ErrorCode.WRONG_PASSCODE) {
                checked++;
            } else {
                assertThat(error.code()).isEqualTo(ErrorCode.TOO_MANY_ATTEMPTS);
            }
            if (error.retryAfterSeconds() != null) {
                clock.advance(Duration.ofSeconds(error.retryAfterSeconds()));
            }
        }
    }

    @Test
    void aColleagueOnTheSameAddressGetsInAfterAShortWaitWhileSomeoneGuesses() throws Exception {
        TestClient eve = TestClient.greeted(server.url());
        guessWrong(eve, 6);
        ServerMessage.ErrorMessage seventh = tryJoin(eve, "Eve", "guess6");
        assertThat(seventh.code()).isEqualTo(ErrorCode.WRONG_PASSCODE);
        assertThat(seventh.retryAfterSeconds()).as("a wrong passcode says when to try again").isBetween(1, 8);

        TestClient bob = TestClient.greeted(server.url());
        ServerMessage.ErrorMessage refused = tryJoin(bob, "Bob", PASSCODE);
        assertThat(refused.code()).isEqualTo(ErrorCode.TOO_MANY_ATTEMPTS);
        assertThat(refused.retryAfterSeconds()).isBetween(1, 8);
        clock.advance(Duration.ofSeconds(refused.retryAfterSeconds()));
        assertThat(tryJoin(bob, "Bob", PASSCODE)).as("the right passcode is accepted after the wait").isNull();
    }

    @Test
    void oneAddressGetsAtMost68GuessesInTheFirstHourAndIsNeverLockedOut() throws Exception {
        TestClient eve = TestClient.greeted(server.url());
        Instant hourLater = clock.instant().plus(Duration.ofHours(1));
        int wrong = 0;
        int longestWait = 0;
        while (clock.instant().isBefore(hourLater)) {
            ServerMessage.ErrorMessage error = tryJoin(eve, "Eve", "guess" + wrong);
            if (error.code() == ErrorCode.WRONG_PASSCODE) {
                wrong++;
            }
            int wait = error.retryAfterSeconds() == null ? 0 : error.retryAfterSeconds();
            longestWait = Math.max(longestWait, wait);
            clock.advance(Duration.ofSeconds(Math.max(wait, 1)));
        }
        assertThat(wrong).isBetween(60, 68);
        assertThat(longestWait).isLessThanOrEqualTo(60);
    }

    @Test
    void manyAddressesGuessingOneMeetingAreSlowedTogether() throws Exception {
        // 7 addresses x 3 free guesses = 21 wrong passcodes for this meeting: past the 20 free meeting-wide.
        for (int host = 2; host <= 8; host++) {
            TestClient guesser = TestClient.greetedFrom("127.0.0." + host, server.url());
            for (int i = 0; i < 3; i++) {
                assertThat(tryJoin(guesser, "Eve", "guess" + host + i).code()).isEqualTo(ErrorCode.WRONG_PASSCODE);
            }
        }
        TestClient fresh = TestClient.greetedFrom("127.0.0.9", server.url());
        ServerMessage.ErrorMessage slowed = tryJoin(fresh, "Eve", "guess9");
        assertThat(slowed.code()).isEqualTo(ErrorCode.TOO_MANY_ATTEMPTS);
        assertThat(slowed.retryAfterSeconds()).isBetween(1, 10);
        clock.advance(Duration.ofSeconds(slowed.retryAfterSeconds()));
        assertThat(tryJoin(fresh, "Grace", PASSCODE)).isNull();
    }
}
