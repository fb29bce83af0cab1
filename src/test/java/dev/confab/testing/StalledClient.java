package dev.confab.testing;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A receiver whose network reader stops at the first media frame until released, like a slow link or a client
 * that stopped reading: what it is sent piles up in the kernel's buffers and then in the server's queue.
 */
public final class StalledClient extends TestClient {
    private final CountDownLatch released = new CountDownLatch(1);

    public StalledClient(URI uri) {
        super(uri);
    }

    /** A stalled client past hello, not yet in a meeting. */
    public static StalledClient greeted(URI uri) throws InterruptedException {
        StalledClient client = new StalledClient(uri);
        client.connectBlocking();
        client.send(new dev.confab.protocol.ClientMessage.Hello(1, "stalled"));
        client.next(dev.confab.protocol.ServerMessage.Welcome.class);
        return client;
    }

    public void release() {
        released.countDown();
    }

    @Override
    public void onMessage(ByteBuffer bytes) {
        super.onMessage(bytes);
        try {
            released.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
