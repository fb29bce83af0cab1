package dev.confab.server;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.confab.protocol.ClientMessage;
import dev.confab.protocol.ServerMessage;
import dev.confab.testing.IntegrationTest;
import dev.confab.testing.TestClient;
import dev.confab.testing.TestServers;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class ServerLogPrivacyTest {

    @Test
    void logHasStructuredEventsButNoPasscodesChatOrTokens() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger("confab.server");
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        MeetingServer server = TestServers.start(TestServers.loopback());
        try {
            TestClient host = TestClient.greeted(server.url());
            ServerMessage.Joined created = host.create("Ada", "hunter2-passcode");
            TestClient guest = TestClient.greeted(server.url());
            guest.send(new ClientMessage.Join(created.meetingId(), "Bob", "wrong-passcode"));
            guest.nextError();
            guest.join(created.meetingId(), "Bob", "hunter2-passcode");
            guest.send(new ClientMessage.Chat(List.of(), "none", "c2VjcmV0IGNoYXQgdGV4dA=="));
            host.next(ServerMessage.ChatMessage.class);
        } finally {
            server.stop();
            logger.detachAppender(appender);
        }
        List<ILoggingEvent> events;
        synchronized (appender) { // server threads may still log; logback appends under the appender's lock
            events = List.copyOf(appender.list);
        }
        List<String> lines = events.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(lines).anyMatch(l -> l.startsWith("event=meeting_created meeting="));
        assertThat(lines).anyMatch(l -> l.startsWith("event=wrong_passcode"));
        assertThat(String.join("\n", lines)).doesNotContain("hunter2", "wrong-passcode", "c2VjcmV0", "secret chat");
    }
}
