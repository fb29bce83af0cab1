package dev.confab.meeting;

/**
 * The moderators' meeting-wide settings as the server last announced them.
 *
 * @param waitingRoom whether joiners wait until a host or co-host admits them
 * @param muteOnEntry whether joiners start muted (this client included, unless it is the host)
 * @param spotlightId the participant everyone is shown large, or 0 for nobody
 */
public record MeetingSettings(boolean waitingRoom, boolean muteOnEntry, int spotlightId) {

    public static final MeetingSettings DEFAULT = new MeetingSettings(false, false, 0);

    public boolean hasSpotlight() {
        return spotlightId != 0;
    }
}
