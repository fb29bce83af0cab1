package dev.confab.bot;

import dev.confab.media.CaptureFactory;
import dev.confab.media.MediaException;
import dev.confab.media.effects.CameraEffects;
import dev.confab.media.effects.EffectChoice;
import dev.confab.media.effects.EffectStats;
import dev.confab.media.effects.SegmenterSource;
import picocli.CommandLine;

import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code bot --background blur|blur-strong|FILE}: the desktop app's background effect on the bot's camera (the
 * synthetic test pattern), so a headless run exercises it; the stats report what it cost.
 */
final class BotBackground implements AutoCloseable {
    /** Opening the model is a one-off of a few hundred milliseconds; a loaded machine gets this long. */
    private static final long OPEN_TIMEOUT_SECONDS = 60;

    /** The {@code video.background} part of the stats JSON: effect ms/frame without the model, the model's own. */
    record Report(String effect, long frames, double effectP50Millis, double effectP95Millis, long modelRuns,
                  double modelP50Millis, double modelP95Millis, double modelRate) {
    }

    private final String option;
    private final CameraEffects effects;

    private BotBackground(String option, CameraEffects effects) {
        this.option = option;
        this.effects = effects;
    }

    /**
     * Opens the segmenter and applies the effect, before the bot joins.
     *
     * @return null without {@code --background}
     * @throws CommandLine.ParameterException for a picture that cannot be used or a bot without a camera
     * @throws MediaException                  when background effects cannot run on this computer
     */
    static BotBackground open(CommandLine command, String option, String video, SegmenterSource segmenters)
            throws MediaException, InterruptedException {
        if (option == null) {
            return null;
        }
        if (!"testsrc".equals(video)) {
            throw new CommandLine.ParameterException(command, "--background needs a camera: add --video testsrc");
        }
        EffectChoice choice = switch (option) {
            case "blur" -> EffectChoice.of(EffectChoice.Kind.BLUR_LIGHT);
            case "blur-strong" -> EffectChoice.of(EffectChoice.Kind.BLUR_STRONG);
            default -> EffectChoice.picture(Path.of(option).toAbsolutePath());
        };
        CameraEffects effects = new CameraEffects(segmenters);
        try {
            if (!effects.prepare().get(OPEN_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                effects.choose(choice); // throws Unavailable with the reason
            }
            effects.choose(choice);
        } catch (CameraEffects.PictureUnusable e) {
            effects.close();
            throw new CommandLine.ParameterException(command, "--background: " + e.getMessage());
        } catch (MediaException | RuntimeException e) {
            effects.close();
            throw e;
        } catch (ExecutionException | TimeoutException e) {
            effects.close();
            throw new MediaException("Background effects did not start: " + e, e);
        }
        return new BotBackground(option, effects);
    }

    CaptureFactory wrap(CaptureFactory cameras) {
        return effects.wrap(cameras);
    }

    Report report() {
        EffectStats.Snapshot s = effects.stats().snapshot();
        return new Report(option, s.frames(), s.effectP50Millis(), s.effectP95Millis(), s.modelRuns(),
                s.modelP50Millis(), s.modelP95Millis(), s.modelRate());
    }

    @Override
    public void close() {
        effects.close();
    }
}
