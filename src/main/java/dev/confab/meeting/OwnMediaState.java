package dev.confab.meeting;

/** What this participant tells others about its own media: shown as icons in everyone's roster. */
public record OwnMediaState(boolean muted, boolean cameraOn, boolean sharing, boolean recording) {

    public static final OwnMediaState INITIAL = new OwnMediaState(false, false, false, false);

    public OwnMediaState withMuted(boolean value) {
        return new OwnMediaState(value, cameraOn, sharing, recording);
    }

    public OwnMediaState withCameraOn(boolean value) {
        return new OwnMediaState(muted, value, sharing, recording);
    }

    public OwnMediaState withSharing(boolean value) {
        return new OwnMediaState(muted, cameraOn, value, recording);
    }

    public OwnMediaState withRecording(boolean value) {
        return new OwnMediaState(muted, cameraOn, sharing, value);
    }
}
