package dev.confab.ui.lobby;

import dev.confab.media.CaptureDevice;

/**
 * What the user entered in the lobby, already validated and normalized.
 *
 * @param displayName trimmed, 1–64 characters, no control characters
 * @param meetingId   ten digits for Join; empty for New meeting
 * @param passcode    may be empty
 * @param camera      the chosen camera, or null when none exists
 * @param microphone  the chosen microphone, or null when none exists
 * @param speaker     the chosen sound output's name, or null for the system default
 */
public record LobbyForm(String displayName, ServerChoice server, String meetingId, String passcode,
                        CaptureDevice camera, boolean cameraOn, CaptureDevice microphone, boolean micOn, String speaker) {
}
