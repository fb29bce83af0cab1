package dev.confab.app;

import dev.confab.storage.AppPaths;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One desktop Confab per user: when a {@code confab://} link is clicked while Confab is already open, the OS
 * starts a second process; that process hands the link to the running one and exits, and the running one
 * shows it in its lobby.
 *
 * <p>The first process holds a file lock in the user's own data folder and listens on a Unix-domain socket
 * next to it (Windows 10+ supports these too). Both live in a folder only this user can read, so no other
 * user can send links into someone's Confab.
 */
public final class SingleInstance implements AutoCloseable {

    /** A link is at most {@code DeepLink.MAX_LENGTH} characters; anything longer is cut off and refused later. */
    static final int MAX_MESSAGE_BYTES = 4096;

    private static final int FORWARD_ATTEMPTS = 20;
    private static final long FORWARD_RETRY_MILLIS = 100;

    private static final Logger LOG = LoggerFactory.getLogger(SingleInstance.class);

    private final FileChannel lockChannel;
    private final FileLock lock;
    private final ServerSocketChannel server;
    private final Path socket;
    private final Thread acceptor;

    private SingleInstance(FileChannel lockChannel, FileLock lock, ServerSocketChannel server, Path socket,
                           Consumer<String> onMessage) {
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.server = server;
        this.socket = socket;
        this.acceptor = Thread.ofPlatform().daemon().name("single-instance").start(() -> acceptLoop(onMessage));
    }

    /**
     * Becomes the running instance, or hands {@code message} to the one already running.
     *
     * @param message   what to pass on if another instance runs (the LINK argument; may be empty)
     * @param onMessage called on a background thread with each message another process sends (hand it to
     *                  the FX thread with Platform.runLater); an empty string means "just come to the front"
     * @return the instance to keep open while the app runs, or empty when another instance took the message
     *         (this process should then exit)
     * @throws IOException when this cannot be decided (e.g. another instance holds the lock but does not
     *                     answer); the caller should log it and start normally, on its own
     */
    public static Optional<SingleInstance> claimOrForward(AppPaths paths, String message, Consumer<String> onMessage)
            throws IOException {
        Path dir = AppPaths.ensureDirectory(paths.data());
        Path lockFile = paths.instanceLockFile();
        Path socket = paths.instanceSocket();
        FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException e) {
            lock = null; // held by this very JVM: same meaning as held by another process
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            channel.close();
            // The holder binds its socket right after taking the lock; give a starting instance a moment.
            for (int attempt = 0; attempt < FORWARD_ATTEMPTS; attempt++) {
                if (forward(socket, message)) {
                    return Optional.empty();
                }
                sleepQuietly();
            }
            throw new IOException("another Confab holds " + lockFile + " but does not answer");
        }
        try {
            Files.deleteIfExists(socket); // left behind by a crash; we hold the lock, so it is stale
            ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(socket));
            return Optional.of(new SingleInstance(channel, lock, server, socket, onMessage));
        } catch (IOException | RuntimeException e) {
            lock.release();
            channel.close();
            throw e;
        }
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(FORWARD_RETRY_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean forward(Path socket, String message) {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_MESSAGE_BYTES) {
            bytes = java.util.Arrays.copyOf(bytes, MAX_MESSAGE_BYTES);
        }
        try (SocketChannel client = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                client.write(buffer);
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void acceptLoop(Consumer<String> onMessage) {
        while (server.isOpen()) {
            try (SocketChannel client = server.accept()) {
                onMessage.accept(readMessage(client));
            } catch (IOException e) {
                if (server.isOpen()) {
                    LOG.warn("Could not read a message from another Confab process", e);
                }
            } catch (RuntimeException e) {
                LOG.warn("Handling a message from another Confab process failed", e);
            }
        }
    }

    private static String readMessage(SocketChannel client) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(MAX_MESSAGE_BYTES);
        while (buffer.hasRemaining() && client.read(buffer) >= 0) {
            // a sender writes one message and closes
        }
        buffer.flip();
        return StandardCharsets.UTF_8.decode(buffer).toString();
    }

    @Override
    public void close() throws IOException {
        try {
            server.close();
            acceptor.interrupt();
            Files.deleteIfExists(socket);
        } finally {
            lock.release();
            lockChannel.close();
        }
    }
}
