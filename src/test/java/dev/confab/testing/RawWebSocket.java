package dev.confab.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A WebSocket client on a plain {@link Socket}, for sending what real clients never would (see
 * {@link WsFrames}) and reading exactly what the server answers. Every read gives up after the timeout.
 */
public final class RawWebSocket implements AutoCloseable {

    /** A frame the server sent. */
    public record Frame(int opcode, byte[] payload) {
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        /** Close code of a close frame, or 1005 (none given). */
        public int closeCode() {
            return payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
        }

        public String closeReason() {
            return payload.length > 2 ? new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8) : "";
        }
    }

    /**
     * How the server ended the connection: its close frame, or -1 / "" if it just dropped the TCP connection;
     * with the text messages that came before.
     */
    public record Closed(int code, String reason, List<String> texts) {
    }

    public static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    private RawWebSocket(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Opens a TCP connection without sending anything. */
    public static RawWebSocket tcp(URI url) throws IOException {
        return tcp(url, null);
    }

    /** Opens a TCP connection from local address {@code from} (e.g. 127.0.0.2), or any when null. */
    public static RawWebSocket tcp(URI url, java.net.InetAddress from) throws IOException {
        Socket socket = new Socket();
        if (from != null) {
            socket.bind(new InetSocketAddress(from, 0));
        }
        socket.connect(new InetSocketAddress(url.getHost(), url.getPort()), (int) TIMEOUT.toMillis());
        socket.setSoTimeout((int) TIMEOUT.toMillis());
        socket.setTcpNoDelay(true);
        return new RawWebSocket(socket);
    }

    /** Opens a connection and completes the WebSocket upgrade. */
    public static RawWebSocket upgraded(URI url) throws IOException {
        return upgraded(url, null);
    }

    /** Opens a connection from local address {@code from} (null: any) and completes the WebSocket upgrade. */
    public static RawWebSocket upgraded(URI url, java.net.InetAddress from) throws IOException {
        RawWebSocket ws = tcp(url, from);
        ws.write(upgradeRequest(url).getBytes(StandardCharsets.US_ASCII));
        String status = ws.readHttpResponse();
        if (!status.startsWith("HTTP/1.1 101")) {
            ws.close();
            throw new IOException("Upgrade refused: " + status);
        }
        return ws;
    }

    public static String upgradeRequest(URI url) {
        byte[] key = new byte[16];
        new java.util.Random().nextBytes(key);
        return "GET / HTTP/1.1\r\nHost: " + url.getHost() + ":" + url.getPort() + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: " + Base64.getEncoder().encodeToString(key)
                + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
    }

    /** Reads an HTTP response head and returns its status line. */
    public String readHttpResponse() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("Connection closed during the HTTP response: " + head);
            }
            head.write(b);
        }
        String text = head.toString(StandardCharsets.US_ASCII);
        return text.substring(0, text.indexOf("\r\n"));
    }

    /** How long each read may wait from now on. */
    public void readTimeout(Duration timeout) throws IOException {
        socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
    }

    public void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    public void sendText(String text) throws IOException {
        write(WsFrames.text(text));
    }

    /** The next frame from the server (unmasked, as servers send). */
    public Frame readFrame() throws IOException {
        int first = in.readUnsignedByte();
        int second = in.readUnsignedByte();
        long length = second & 0x7F;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        if (length > 16 * 1024 * 1024) {
            throw new IOException("Server frame of " + length + " bytes");
        }
        byte[] payload = new byte[(int) length];
        in.readFully(payload);
        return new Frame(first & 0x0F, payload);
    }

    /** The next text frame, skipping control frames. */
    public String readText() throws IOException {
        while (true) {
            Frame frame = readFrame();
            if (frame.opcode() == WsFrames.TEXT) {
                return frame.text();
            }
            if (frame.opcode() == WsFrames.CLOSE) {
                throw new IOException("Closed by the server: " + frame.closeCode() + " " + frame.closeReason());
            }
        }
    }

    /** Reads until the server's close frame (answering it) or the end of the connection. */
    public Closed awaitClose() throws IOException {
        List<String> texts = new ArrayList<>();
        try {
            while (true) {
                Frame frame = readFrame();
                if (frame.opcode() == WsFrames.TEXT) {
                    texts.add(frame.text());
                } else if (frame.opcode() == WsFrames.CLOSE) {
                    try {
                        write(WsFrames.masked(true, WsFrames.CLOSE, frame.payload()));
                    } catch (IOException alreadyGone) {
                        // the server may drop the connection right after its close frame
                    }
                    return new Closed(frame.closeCode(), frame.closeReason(), texts);
                }
            }
        } catch (EOFException | SocketException e) {
            return new Closed(-1, "", texts);
        }
    }

    /** True once the server has closed the TCP connection (reads end); false if it is still open after the timeout. */
    public boolean awaitEndOfStream(Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
        InputStream raw = socket.getInputStream();
        byte[] sink = new byte[4096];
        try {
            while (raw.read(sink) >= 0) {
                // discard whatever the server still sends
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException e) {
            return true; // reset
        } finally {
            socket.setSoTimeout((int) TIMEOUT.toMillis());
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
