package dev.confab.testing;

import dev.confab.server.MeetingServer;
import dev.confab.server.ServerConfig;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The meeting servers a test starts, stopped after each test:
 * {@code @RegisterExtension final ServersExtension servers = new ServersExtension();}.
 */
public final class ServersExtension implements AfterEachCallback {
    private final List<MeetingServer> started = new CopyOnWriteArrayList<>();

    public MeetingServer start(ServerConfig config) throws IOException {
        MeetingServer server = TestServers.start(config);
        started.add(server);
        return server;
    }

    /** A plain ws:// server on loopback ({@link TestServers#loopback()}). */
    public MeetingServer loopback() throws IOException {
        return start(TestServers.loopback());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        started.forEach(MeetingServer::stop);
        started.clear();
    }
}
