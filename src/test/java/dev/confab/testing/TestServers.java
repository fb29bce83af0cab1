package dev.confab.testing;

import dev.confab.server.MeetingServer;
import dev.confab.server.ServerConfig;

import java.io.IOException;

/** Starts plain ws:// meeting servers on loopback for tests. */
public final class TestServers {

    private TestServers() {
    }

    /** A loopback plain-ws config on a free port; tests adjust limits before {@link #start}. */
    public static ServerConfig loopback() {
        return new ServerConfig().bindAddress("127.0.0.1").port(0).plain(true);
    }

    public static MeetingServer start(ServerConfig config) throws IOException {
        MeetingServer server = new MeetingServer(config);
        server.start();
        return server;
    }
}
