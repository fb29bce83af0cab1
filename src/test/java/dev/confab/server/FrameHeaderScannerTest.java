package dev.confab.server;

import dev.confab.testing.UnitTest;
import dev.confab.testing.WsFrames;
import org.java_websocket.exceptions.InvalidDataException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The scanner must stay in step with the frame boundaries however TCP splits the bytes into reads. */
@UnitTest
class FrameHeaderScannerTest {

    @Test
    void reportsEveryHeaderWhereverTheReadsAreSplit() throws InvalidDataException {
        Random random = new Random(5);
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        List<Long> lengths = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            // 7-bit, 16-bit and 64-bit length encodings
            int length = switch (i % 3) {
                case 0 -> random.nextInt(126);
                case 1 -> 126 + random.nextInt(60_000);
                default -> 65_536 + random.nextInt(100_000);
            };
            stream.writeBytes(WsFrames.masked(random.nextBoolean(), WsFrames.BINARY, new byte[length]));
            lengths.add((long) length);
        }
        byte[] bytes = stream.toByteArray();

        FrameHeaderScanner scanner = new FrameHeaderScanner();
        List<FrameHeaderScanner.FrameHeader> seen = new ArrayList<>();
        int offset = 0;
        while (offset < bytes.length) {
            int read = Math.min(bytes.length - offset, 1 + random.nextInt(random.nextBoolean() ? 3 : 20_000));
            ByteBuffer chunk = ByteBuffer.wrap(bytes, offset, read);
            scanner.scan(chunk, seen::add);
            assertThat(chunk.position()).as("the scanner does not consume").isEqualTo(offset);
            offset += read;
        }

        assertThat(seen).extracting(FrameHeaderScanner.FrameHeader::payloadLength).containsExactlyElementsOf(lengths);
        assertThat(seen).allSatisfy(header -> {
            assertThat(header.masked()).isTrue();
            assertThat(header.opcode()).isEqualTo(WsFrames.BINARY);
        });
    }

    @Test
    void seesTheMissingMaskBit() throws InvalidDataException {
        List<FrameHeaderScanner.FrameHeader> seen = new ArrayList<>();
        new FrameHeaderScanner().scan(ByteBuffer.wrap(WsFrames.unmasked(true, WsFrames.TEXT, new byte[300])), seen::add);
        assertThat(seen).singleElement().satisfies(header -> {
            assertThat(header.masked()).isFalse();
            assertThat(header.fin()).isTrue();
            assertThat(header.payloadLength()).isEqualTo(300);
        });
    }
}
