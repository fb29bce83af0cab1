package dev.confab.meeting.e2ee;

import dev.confab.protocol.MediaCodec;
import dev.confab.protocol.MediaFrame;
import dev.confab.protocol.MediaFrameHeader;
import dev.confab.protocol.StreamKind;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What end-to-end encryption costs per 720p video frame: one sender's {@link MediaEncryption#protect} and one
 * receiver's {@link MediaEncryption#unprotect} (SFrame AES-128-GCM, the relay header as metadata, key lookup and
 * replay window), on frames the size a 720p30 VP8 stream at 1.5 Mbit/s sends — 6 250 bytes on average, 20 000 for a
 * keyframe (about 3× the average, docs/protocol.md section 9.2) — and a 100 000-byte worst case. AES-GCM's cost
 * depends on the length, not the content, so random bytes stand in for the codec's. Thread CPU and wall time per
 * frame after a warm-up. Not a unit test.
 *
 * <pre>
 * mvn -B -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp target/classes:target/test-classes:$(cat target/cp.txt) \
 *      dev.confab.meeting.e2ee.FrameCryptoBenchmark [frames per size, default 20000]
 * </pre>
 */
public final class FrameCryptoBenchmark {

    private FrameCryptoBenchmark() {
    }

    public static void main(String[] args) {
        int frames = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        MediaEncryption sender = new MediaEncryption();
        MediaEncryption receiver = new MediaEncryption();
        MediaKeyWrap.Release key = sender.newKey();
        sender.use(key);
        receiver.install(9, key);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        System.out.println("bytes/frame  cpu us/frame  wall us/frame  (encrypt + decrypt, " + frames + " frames)");
        for (int round = 0; round < 2; round++) { // the first round warms the JIT up
            for (int size : new int[]{6_250, 20_000, 100_000}) {
                byte[] payload = new byte[size];
                new Random(size).nextBytes(payload);
                AtomicLong opened = new AtomicLong();
                long cpu0 = threads.getCurrentThreadCpuTime();
                long wall0 = System.nanoTime();
                for (int i = 0; i < frames; i++) {
                    MediaFrameHeader header = new MediaFrameHeader(StreamKind.CAMERA, i % 30 == 0,
                            MediaCodec.VP8.wireId(), 9, i, i * 33_333L, 0);
                    ByteBuffer sealed = sender.protect(header, ByteBuffer.wrap(payload));
                    receiver.unprotect(new MediaFrame(header, sealed), f -> opened.incrementAndGet());
                }
                double cpuMicros = (threads.getCurrentThreadCpuTime() - cpu0) / 1e3 / frames;
                double wallMicros = (System.nanoTime() - wall0) / 1e3 / frames;
                if (opened.get() != frames) {
                    throw new IllegalStateException("only " + opened.get() + " of " + frames + " frames opened");
                }
                if (round == 1) {
                    System.out.printf(Locale.ROOT, "%11d  %12.1f  %13.1f%n", size, cpuMicros, wallMicros);
                }
            }
        }
    }
}
