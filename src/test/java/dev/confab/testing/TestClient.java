package dev.confab.testing;

import dev.confab.protocol.ClientMessage;
import dev.confab.protocol.ProtocolCodec;
import dev.confab.protocol.ProtocolException;
import dev.confab.protocol.ProtocolVersion;
import dev.confab.protocol.ServerMessage;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.handshake.ServerHandshake;

import javax.net.SocketFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A raw protocol client for server tests: sends any text, records every message and the close code. */
public class TestClient extends WebSocketClient {

    public static final long TIMEOUT_SECONDS = 15;
    private static final ProtocolCodec CODEC = new ProtocolCodec();

    public final BlockingQueue<ServerMessage> messages = new LinkedBlockingQueue<>();
    public final BlockingQueue<ByteBuffer> media = new LinkedBlockingQueue<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile int closeCode = -1;

    public TestClient(URI uri) {
        super(uri);
    }

    public static TestClient connect(URI uri) throws InterruptedException {
        TestClient client = new TestClient(uri);
        if (!client.connectBlocking(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            throw new AssertionError("Could not connect to " + uri);
        }
        return client;
    }

    /** Connects and completes the hello/welcome handshake. */
    public static TestClient greeted(URI uri) throws InterruptedException {
        return greeted(connect(uri));
    }

    /**
     * Like {@link #greeted(URI)}, but from another loopback address (e.g. {@code 127.0.0.2}; all of 127/8 is
     * loopback on Linux), so the server sees a second client address.
     */
    public static TestClient greetedFrom(String localAddress, URI uri) throws InterruptedException {
        TestClient client = new TestClient(uri);
        client.setSocketFactory(new SocketFactory() {
            @Override
            public Socket createSocket() throws IOException {
                Socket socket = new Socket();
                socket.bind(new InetSocketAddress(localAddress, 0));
                return socket;
            }

            @Override
            public Socket createSocket(String host, int port) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Socket createSocket(String host, int port, InetAddress local, int localPort) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Socket createSocket(InetAddress host, int port) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Socket createSocket(InetAddress address, int port, InetAddress local, int localPort) {
                throw new UnsupportedOperationException();
            }
        });
        if (!client.connectBlocking(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            throw new AssertionError("Could not connect to " + uri + " from " + localAddress);
        }
        return greeted(client);
    }

    private static TestClient greeted(TestClient client) throws InterruptedException {
        client.send(new ClientMessage.Hello(ProtocolVersion.CURRENT, "test"));
        client.next(ServerMessage.Welcome.class);
        return client;
    }

    public void send(ClientMessage message) {
        send(CODEC.encode(message));
    }

    public ServerMessage.Joined create(String name, String passcode) throws InterruptedException {
        send(new ClientMessage.CreateMeeting(name, passcode));
        return next(ServerMessage.Joined.class);
    }

    public ServerMessage.Joined join(String meetingId, String name, String passcode) throws InterruptedException {
        send(new ClientMessage.Join(meetingId, name, passcode));
        return next(ServerMessage.Joined.class);
    }

    /** The next message of this type, skipping others; fails after the timeout. */
    public <T extends ServerMessage> T next(Class<T> type) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (true) {
            ServerMessage message = messages.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (message == null) {
                throw new AssertionError("No " + type.getSimpleName() + " within " + TIMEOUT_SECONDS + " s");
            }
            if (type.isInstance(message)) {
                return type.cast(message);
            }
        }
    }

    /** The next message of this type within {@code millis}, skipping others; null if none came. */
    public <T extends ServerMessage> T poll(Class<T> type, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (true) {
            ServerMessage message = messages.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (message == null || type.isInstance(message)) {
                return message == null ? null : type.cast(message);
            }
        }
    }

    /** The next error, skipping other messages. */
    public ServerMessage.ErrorMessage nextError() throws InterruptedException {
        return next(ServerMessage.ErrorMessage.class);
    }

    /** Waits for the connection to close and returns its code. */
    public int awaitClose() throws InterruptedException {
        if (!closed.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            throw new AssertionError("Connection not closed within " + TIMEOUT_SECONDS + " s");
        }
        return closeCode;
    }

    /** True if no message of this type arrives within {@code millis}. */
    public boolean receivesNo(Class<? extends ServerMessage> type, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        ServerMessage message;
        while ((message = messages.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) != null) {
            if (type.isInstance(message)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void onOpen(ServerHandshake handshake) {
    }

    @Override
    public void onMessage(String text) {
        try {
            messages.add(CODEC.decodeServer(text));
        } catch (ProtocolException e) {
            throw new AssertionError("Server sent an invalid message: " + text, e);
        }
    }

    @Override
    public void onMessage(ByteBuffer bytes) {
        media.add(bytes);
    }

    @Override
    public void onClose(int code, String reason, boolean remote) {
        closeCode = code;
        closed.countDown();
    }

    @Override
    public void onError(Exception ex) {
    }
}
