package dev.confab.media.effects;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Locale;

/**
 * Measures the background effect at 720p on one thread: milliseconds per frame of the effect itself (p50/p95,
 * without the model), the thread's CPU per frame, and — when this build's segmenter opens
 * ({@link SegmenterSource#installed()}) — the model's own time per run and how often it ran at 30 fps. Without
 * a model it uses the test stand-in ({@link EllipseSegmenter}, no inference), so the effect's cost is measured
 * either way. Not a unit test.
 *
 * <pre>
 * mvn -B -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp target/classes:target/test-classes:$(cat target/cp.txt) \
 *      dev.confab.media.effects.EffectBenchmark [frames per effect, default 300]
 * </pre>
 */
public final class EffectBenchmark {
    private static final int W = 1280;
    private static final int H = 720;

    private EffectBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int frames = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        PersonSegmenter segmenter;
        String model;
        try {
            segmenter = SegmenterSource.installed().open();
            model = "installed model " + segmenter.inputWidth() + "x" + segmenter.inputHeight();
        } catch (Exception e) {
            segmenter = EllipseSegmenter.standard();
            model = "test stand-in (no inference: " + e.getMessage() + ")";
        }
        System.out.printf(Locale.ROOT, "Background effect at %dx%d, %d frames per effect, segmenter: %s%n", W, H,
                frames, model);
        System.out.printf(Locale.ROOT, "%-14s %10s %10s %12s %12s %10s %10s %10s%n", "effect", "p50 ms", "p95 ms",
                "CPU ms/frame", "core @30fps", "model p50", "model p95", "model rate");
        ByteBuffer camera = new SyntheticPerson(W, H).direct();
        int[] photo = new int[1920 * 1080];
        for (int i = 0; i < photo.length; i++) {
            photo[i] = (i * 2654435761L % 0xFFFFFF) > 0x7FFFFF ? 0x406080 : 0x80A0C0; // a picture to scale, not one colour
        }
        var bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        List<Object[]> effects = List.of(
                new Object[] {"blur light", Effect.Blur.LIGHT},
                new Object[] {"blur strong", Effect.Blur.STRONG},
                new Object[] {"background 1", new Effect.Replace(BundledBackgrounds.get(1))},
                new Object[] {"picture 1080p", new Effect.Replace(new BackgroundPicture(1920, 1080, photo))});
        for (Object[] entry : effects) {
            Effect effect = (Effect) entry[1];
            EffectProcessor warm = new EffectProcessor(new EffectStats());
            long clock = 1_000_000;
            for (int i = 0; i < 60; i++) { // JIT warm-up
                warm.process(effect, segmenter, W, H, W * 4, camera, clock += 33_333);
            }
            EffectStats stats = new EffectStats();
            EffectProcessor processor = new EffectProcessor(stats);
            long cpuBefore = bean.getCurrentThreadCpuTime();
            long modelCpu = 0;
            for (int i = 0; i < frames; i++) {
                processor.process(effect, segmenter, W, H, W * 4, camera, clock += 33_333);
            }
            long cpu = bean.getCurrentThreadCpuTime() - cpuBefore;
            EffectStats.Snapshot s = stats.snapshot();
            double modelMillisTotal = s.modelP50Millis() * s.modelRuns(); // approximate: excluded from the effect's CPU
            double cpuPerFrame = Math.max(0, cpu / 1e6 - modelMillisTotal - modelCpu) / frames;
            System.out.printf(Locale.ROOT, "%-14s %10.1f %10.1f %12.2f %11.0f%% %10.1f %10.1f %10.2f%n", entry[0],
                    s.effectP50Millis(), s.effectP95Millis(), cpuPerFrame, cpuPerFrame * 30 / 10,
                    s.modelP50Millis(), s.modelP95Millis(), s.modelRate());
        }
        System.out.printf(Locale.ROOT, "load average %s%n",
                java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).strip());
        segmenter.close();
    }
}
