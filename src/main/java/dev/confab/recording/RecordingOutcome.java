package dev.confab.recording;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * How a recording ended.
 *
 * @param file          the finished, playable recording; empty when nothing playable was recorded (any
 *                      partial file has then been deleted: Confab never leaves an empty or broken file)
 * @param droppedFrames pictures left out because encoding could not keep up (the previous one was repeated)
 * @param problem       technical detail for WRITE_FAILED or a discarded file, for the log or a details box
 */
public record RecordingOutcome(StopReason reason, Optional<Path> file, Duration duration, long droppedFrames,
                               Optional<String> problem) {
}
