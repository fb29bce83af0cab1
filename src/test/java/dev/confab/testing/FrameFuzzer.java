package dev.confab.testing;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded generator of hostile WebSocket client traffic: mutated and garbage frames (bad opcodes, reserved
 * bits, unmasked, lying lengths, oversized and fragmented messages with control frames in between, random
 * and broken JSON, invalid UTF-8) and broken upgrade requests. The same seed always gives the same bytes, so
 * a failure reproduces from the seed alone.
 */
public final class FrameFuzzer {

    /** Bytes to send after the upgrade. {@code wellFramed}: every frame's declared length matches its bytes. */
    public record Sequence(byte[] bytes, boolean wellFramed, List<String> frames) {
    }

    private static final String[] TYPES = {"hello", "create_meeting", "join", "resume", "leave", "update_state", "chat",
            "ask_mute", "lock_meeting", "keyframe_request", "ping", "share_start", "annotate", "recording_start",
            "teleport", "", "HELLO"};

    private final Random random;
    private final int maxTextBytes;
    private final int maxBinaryBytes;

    /** Limits of the server under test, so that oversized messages go just past them. */
    public FrameFuzzer(long seed, int maxTextBytes, int maxBinaryBytes) {
        this.random = new Random(seed);
        this.maxTextBytes = maxTextBytes;
        this.maxBinaryBytes = maxBinaryBytes;
    }

    public boolean chance(double probability) {
        return random.nextDouble() < probability;
    }

    /**
     * 1 to 8 frames: well-formed ones with, most of the time, one hostile frame among them, so that the
     * hostile frame meets the server in every state (mid-message, after a ping, before more frames).
     */
    public Sequence sequence() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<String> labels = new ArrayList<>();
        boolean wellFramed = true;
        int frames = 1 + random.nextInt(8);
        int hostileAt = random.nextInt(5) == 0 ? -1 : random.nextInt(frames);
        for (int i = 0; i < frames; i++) {
            Piece piece = i == hostileAt ? hostile() : benign();
            out.writeBytes(piece.bytes());
            labels.add(piece.label());
            wellFramed &= piece.wellFramed();
        }
        return new Sequence(out.toByteArray(), wellFramed, labels);
    }

    /** A broken or hostile upgrade request (random bytes, truncated, oversized, wrong method or version). */
    public byte[] badUpgradeRequest(URI url) {
        String valid = RawWebSocket.upgradeRequest(url);
        return switch (random.nextInt(6)) {
            case 0 -> bytes(1 + random.nextInt(2048));
            case 1 -> valid.substring(0, random.nextInt(valid.length())).getBytes(StandardCharsets.US_ASCII);
            case 2 -> valid.replace("GET", "POST").getBytes(StandardCharsets.US_ASCII);
            case 3 -> valid.replace("Version: 13", "Version: " + random.nextInt(100)).getBytes(StandardCharsets.US_ASCII);
            case 4 -> ("GET / HTTP/1.1\r\n" + "X-Long: " + "x".repeat(10_000 + random.nextInt(10_000)) + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            default -> valid.replace("Upgrade: websocket\r\n", "").getBytes(StandardCharsets.US_ASCII);
        };
    }

    private record Piece(byte[] bytes, boolean wellFramed, String label) {
    }

    private Piece benign() {
        return switch (random.nextInt(5)) {
            case 0, 1 -> new Piece(WsFrames.text(json()), true, "json");
            case 2 -> new Piece(WsFrames.masked(true, WsFrames.BINARY, media()), true, "binary");
            case 3 -> fragmented(false, true);
            default -> new Piece(WsFrames.masked(true, random.nextBoolean() ? WsFrames.PING : WsFrames.PONG,
                    bytes(random.nextInt(126))), true, "ping-pong");
        };
    }

    private Piece hostile() {
        return switch (random.nextInt(13)) {
            case 0 -> new Piece(WsFrames.masked(true, WsFrames.TEXT, invalidUtf8()), true, "bad-utf8");
            case 1 -> fragmented(random.nextBoolean(), random.nextBoolean());
            case 2 -> new Piece(WsFrames.masked(random.nextBoolean(), WsFrames.CONTINUATION, bytes(random.nextInt(64))), true,
                    "stray-continuation");
            case 3 -> withFirstByte(0x80 | (1 + random.nextInt(7)) << 4 | randomDataOpcode(), "reserved-bits");
            case 4 -> withFirstByte((random.nextBoolean() ? 0x80 : 0) | badOpcode(), "bad-opcode");
            case 5 -> controlFrameAbuse();
            case 6 -> new Piece(WsFrames.unmasked(true, randomDataOpcode(), bytes(random.nextInt(200))), true, "unmasked");
            case 7 -> lyingLength();
            case 8 -> oversized();
            case 9, 10 -> closeFrame();
            case 11 -> new Piece(bytes(1 + random.nextInt(64)), false, "garbage");
            default -> new Piece(WsFrames.masked(false, WsFrames.TEXT, json().getBytes(StandardCharsets.UTF_8)), true,
                    "unfinished-text"); // then whatever follows interrupts it
        };
    }

    /** A fragmented message, control frames between some fragments; over its limit or never finished if asked. */
    private Piece fragmented(boolean overLimit, boolean finish) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean text = random.nextBoolean();
        int limit = text ? maxTextBytes : maxBinaryBytes;
        int total = overLimit ? limit + 1 + random.nextInt(limit) : random.nextInt(4096);
        byte[] content = text ? json().getBytes(StandardCharsets.UTF_8) : media();
        int fragments = 2 + random.nextInt(6);
        int perFragment = Math.max(1, total / fragments);
        out.writeBytes(WsFrames.masked(false, text ? WsFrames.TEXT : WsFrames.BINARY,
                java.util.Arrays.copyOf(content, Math.min(content.length, perFragment))));
        for (int i = 1; i < fragments; i++) {
            if (random.nextInt(3) == 0) {
                out.writeBytes(WsFrames.masked(true, random.nextBoolean() ? WsFrames.PING : WsFrames.PONG, bytes(random.nextInt(20))));
            }
            boolean last = finish && i == fragments - 1;
            out.writeBytes(WsFrames.masked(last, WsFrames.CONTINUATION, filler(perFragment)));
        }
        return new Piece(out.toByteArray(), true, (text ? "text" : "binary") + "-fragments(" + fragments + "x" + perFragment
                + (finish ? "" : ", unfinished") + ")");
    }

    private Piece withFirstByte(int firstByte, String label) {
        byte[] key = bytes(4);
        byte[] payload = bytes(random.nextInt(100));
        return new Piece(WsFrames.frame(firstByte, key, payload, payload.length), true, label);
    }

    private Piece controlFrameAbuse() {
        byte[] key = bytes(4);
        int opcode = WsFrames.PING + random.nextInt(2);
        if (random.nextBoolean()) {
            byte[] payload = bytes(126 + random.nextInt(300)); // control frames are limited to 125 bytes
            return new Piece(WsFrames.frame(0x80 | opcode, key, payload, payload.length), true, "long-control");
        }
        byte[] payload = bytes(random.nextInt(20));
        return new Piece(WsFrames.frame(opcode, key, payload, payload.length), true, "fragmented-control");
    }

    private Piece lyingLength() {
        byte[] payload = bytes(random.nextInt(300));
        long declared = switch (random.nextInt(4)) {
            case 0 -> payload.length + 1 + random.nextInt(1000);            // truncated
            case 1 -> Math.max(0, payload.length - 1 - random.nextInt(10)); // rest read as the next header
            case 2 -> Long.MAX_VALUE - random.nextInt(100);                  // absurd
            default -> 0x8000_0000_0000_0000L | random.nextInt();            // "negative"
        };
        return new Piece(WsFrames.frame(0x80 | randomDataOpcode(), bytes(4), payload, declared), false, "lying-length");
    }

    private Piece oversized() {
        boolean text = random.nextBoolean();
        int size = (text ? maxTextBytes : maxBinaryBytes) + 1 + random.nextInt(1024);
        return new Piece(WsFrames.masked(true, text ? WsFrames.TEXT : WsFrames.BINARY, filler(size)), true, "oversized");
    }

    private Piece closeFrame() {
        byte[][] payloads = {
                {3},                                    // 1-byte payload
                {0x03, (byte) 0xE7},                    // code 999
                {0x03, (byte) 0xE8, (byte) 0xFF},       // reason is not UTF-8
                {0x03, (byte) 0xE8},                    // 1000, fine
                {0x0F, (byte) 0xA0, 'b', 'y', 'e'},     // 4000 with a reason, fine
        };
        int pick = random.nextInt(payloads.length);
        return new Piece(WsFrames.masked(true, WsFrames.CLOSE, payloads[pick]), true, "close-" + pick);
    }

    private String json() {
        String type = TYPES[random.nextInt(TYPES.length)];
        String json = switch (random.nextInt(8)) {
            case 0 -> "{\"type\":\"" + type + "\",\"nonce\":" + random.nextLong() + "}";
            case 1 -> "{\"type\":\"" + type + "\",\"meetingId\":\"" + random.nextInt(1_000_000_000) + "\",\"displayName\":\""
                    + text(random.nextInt(80)) + "\",\"passcode\":" + (random.nextBoolean() ? "null" : "\"" + text(10) + "\"") + "}";
            case 2 -> "{\"type\":\"chat\",\"enc\":\"" + text(8) + "\",\"payload\":\"" + text(random.nextInt(500)) + "\",\"to\":["
                    + random.nextInt() + "]}";
            case 3 -> "{\"type\":\"" + type + "\",\"version\":" + random.nextInt(3) + ",\"client\":\"fuzz\"}";
            case 4 -> "[".repeat(random.nextInt(2000)) + "]".repeat(random.nextInt(2000));
            case 5 -> "{\"type\":\"" + type + "\",\"muted\":\"" + text(5) + "\",\"x\":1e99999,\"y\":" + "9".repeat(400) + "}";
            case 6 -> "{\"type\":\"" + type + "\",\"" + text(20) + "\":{\"a\":[null,true,{}]}}";
            default -> text(random.nextInt(200));
        };
        return random.nextInt(5) == 0 ? json.substring(0, random.nextInt(json.length() + 1)) : json;
    }

    private String text(int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            int pick = random.nextInt(10);
            char c = pick < 6 ? (char) ('a' + random.nextInt(26))
                    : pick < 8 ? (char) random.nextInt(0x20)                 // control characters
                    : pick < 9 ? (char) (0x80 + random.nextInt(0x2000))      // non-ASCII
                    : '"';                                                  // breaks the JSON string
            text.append(c);
        }
        return text.toString();
    }

    private byte[] media() {
        byte[] frame = bytes(random.nextInt(2) == 0 ? random.nextInt(18) : 18 + random.nextInt(2000));
        if (frame.length > 0 && random.nextBoolean()) {
            frame[0] = (byte) 0xC1;
        }
        return frame;
    }

    private byte[] invalidUtf8() {
        byte[][] broken = {{(byte) 0xC3, 0x28}, {(byte) 0xFF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xE2, (byte) 0x82}};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("{\"type\":\"ping\",\"x\":\"".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(broken[random.nextInt(broken.length)]);
        out.writeBytes("\"}".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private int randomDataOpcode() {
        return random.nextBoolean() ? WsFrames.TEXT : WsFrames.BINARY;
    }

    private int badOpcode() {
        int[] reserved = {3, 4, 5, 6, 7, 11, 12, 13, 14, 15};
        return reserved[random.nextInt(reserved.length)];
    }

    private byte[] bytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] filler(int length) {
        byte[] bytes = new byte[length];
        java.util.Arrays.fill(bytes, (byte) 'A');
        return bytes;
    }
}
