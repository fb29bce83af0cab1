package dev.confab.recording;

import java.nio.file.Path;
import java.time.Duration;

/**
 * A recording whose process ended without finishing it (crash, kill, power loss), found on the next launch.
 *
 * @param playable how much of it plays: everything up to the last complete fragment
 */
public record UnfinishedRecording(Path file, RecordingMarker marker, Duration playable, long sizeBytes) {
}
