package dev.confab.server;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything a {@link MeetingServer} can be told: where to listen, how to do TLS, and its limits.
 * Defaults suit a small organisation's server; tests shorten the timers.
 */
public final class ServerConfig {

    private String bindAddress = "0.0.0.0";
    private int port = 47100;
    private boolean plain;
    private Path dataDir;
    private Path tlsKeystore;
    private char[] tlsKeystorePassword;

    private int maxParticipantsPerMeeting = 100;
    private int maxMeetings = 500;
    private Duration emptyMeetingGrace = Duration.ofMinutes(2);
    private Duration unjoinedMeetingGrace = Duration.ofSeconds(30);
    private int maxMeetingsPerAddress = 5;
    private int meetingCreationsPerHour = 20;
    private Duration resumeGrace = Duration.ofSeconds(60);
    private Duration helloTimeout = Duration.ofSeconds(10);
    private Duration handshakeTimeout = Duration.ofSeconds(10);
    private int maxConnectionsPerAddress = 20;
    private int keepAliveSeconds = 4;
    private int messagesPerSecond = 20;
    private int messageBurst = 40;
    private int floodCloseThreshold = 100;
    private int passcodeFreeAttempts = 3;
    private Duration passcodeMaxDelay = Duration.ofSeconds(60);
    private int maxBinaryFrameBytes = 1024 * 1024;
    private long mediaBytesPerSecond = 8L * 1024 * 1024;
    // Video is held to relayVideoBudget; the frame and byte bounds are the last resort for audio and for a
    // receiver that stopped reading. 256 frames = 0.64 s of sound from 8 speakers.
    private int relayQueueFrames = 256;
    private long relayQueueBytes = 4L * 1024 * 1024;
    private Duration relayVideoBudget = Duration.ofMillis(300);
    private long maxUnreadBytes = 16L * 1024 * 1024;
    private long maxFileBytes = DEFAULT_MAX_FILE_BYTES;

    /** 100 MB: slides, spreadsheets and screenshots, not disk images. */
    public static final long DEFAULT_MAX_FILE_BYTES = 100L * 1024 * 1024;
    private ScheduleLimits scheduleLimits = ScheduleLimits.defaults();
    private ClusterConfig cluster;

    /** Validates the combination; called by {@link MeetingServer#start()}. */
    void validate() {
        if (plain) {
            try {
                if (!InetAddress.getByName(bindAddress).isLoopbackAddress()) {
                    throw new IllegalArgumentException(
                            "Plain ws:// is only allowed on a loopback address (e.g. --bind 127.0.0.1), not " + bindAddress);
                }
            } catch (java.net.UnknownHostException e) {
                throw new IllegalArgumentException("Unknown bind address " + bindAddress, e);
            }
        } else if (tlsKeystore == null && dataDir == null) {
            throw new IllegalArgumentException("TLS needs a keystore or a data folder for the self-signed certificate");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("Port out of range: " + port);
        }
        if (maxParticipantsPerMeeting < 1 || maxParticipantsPerMeeting > 65535 || maxMeetings < 1
                || maxMeetingsPerAddress < 1 || meetingCreationsPerHour < 1) {
            throw new IllegalArgumentException("Limits must be positive (at most 65535 participants per meeting)");
        }
        if (emptyMeetingGrace.isNegative() || unjoinedMeetingGrace.isNegative()) {
            throw new IllegalArgumentException("Grace periods cannot be negative");
        }
        if (maxConnectionsPerAddress < 1) {
            throw new IllegalArgumentException("Connections per address must be at least 1, not " + maxConnectionsPerAddress);
        }
        if (handshakeTimeout.isNegative() || handshakeTimeout.isZero()) {
            throw new IllegalArgumentException("The handshake timeout must be positive, not " + handshakeTimeout);
        }
    }

    public String bindAddress() { return bindAddress; }
    public int port() { return port; }
    public boolean plain() { return plain; }
    public Path dataDir() { return dataDir; }
    public Path tlsKeystore() { return tlsKeystore; }
    char[] tlsKeystorePassword() { return tlsKeystorePassword; }
    public int maxParticipantsPerMeeting() { return maxParticipantsPerMeeting; }
    public int maxMeetings() { return maxMeetings; }
    public Duration emptyMeetingGrace() { return emptyMeetingGrace; }
    public Duration unjoinedMeetingGrace() { return unjoinedMeetingGrace; }
    public int maxMeetingsPerAddress() { return maxMeetingsPerAddress; }
    public int meetingCreationsPerHour() { return meetingCreationsPerHour; }
    public Duration resumeGrace() { return resumeGrace; }
    public Duration helloTimeout() { return helloTimeout; }
    public Duration handshakeTimeout() { return handshakeTimeout; }
    public int maxConnectionsPerAddress() { return maxConnectionsPerAddress; }
    public int keepAliveSeconds() { return keepAliveSeconds; }
    public int messagesPerSecond() { return messagesPerSecond; }
    public int messageBurst() { return messageBurst; }
    public int floodCloseThreshold() { return floodCloseThreshold; }
    public int passcodeFreeAttempts() { return passcodeFreeAttempts; }
    public Duration passcodeMaxDelay() { return passcodeMaxDelay; }
    public int maxBinaryFrameBytes() { return maxBinaryFrameBytes; }
    public long mediaBytesPerSecond() { return mediaBytesPerSecond; }
    public int relayQueueFrames() { return relayQueueFrames; }
    public long relayQueueBytes() { return relayQueueBytes; }
    public Duration relayVideoBudget() { return relayVideoBudget; }
    public long maxUnreadBytes() { return maxUnreadBytes; }
    public long maxFileBytes() { return maxFileBytes; }
    public ScheduleLimits scheduleLimits() { return scheduleLimits; }
    /** The cluster this server is a node of, or null for a server on its own (the default). */
    public ClusterConfig cluster() { return cluster; }

    public ServerConfig bindAddress(String value) { bindAddress = Objects.requireNonNull(value); return this; }
    /** 0 picks a free port; {@link MeetingServer#port()} tells which. */
    public ServerConfig port(int value) { port = value; return this; }
    /** Unencrypted ws://, allowed only on loopback (tests). */
    public ServerConfig plain(boolean value) { plain = value; return this; }
    /** Where the self-signed certificate is generated once and kept, and scheduled meetings are stored. */
    public ServerConfig dataDir(Path value) { dataDir = value; return this; }
    public ServerConfig tlsKeystore(Path file, char[] password) { tlsKeystore = file; tlsKeystorePassword = password; return this; }
    public ServerConfig maxParticipantsPerMeeting(int value) { maxParticipantsPerMeeting = value; return this; }
    public ServerConfig maxMeetings(int value) { maxMeetings = value; return this; }
    public ServerConfig emptyMeetingGrace(Duration value) { emptyMeetingGrace = value; return this; }
    /**
     * How long a meeting that only its creator was ever in is kept once nobody is connected: shorter than
     * {@link #emptyMeetingGrace}, so meetings opened and abandoned (squatting) free their slots quickly.
     */
    public ServerConfig unjoinedMeetingGrace(Duration value) { unjoinedMeetingGrace = value; return this; }
    /** Live meetings that connections from one address may have created (shared NATs may need more). */
    public ServerConfig maxMeetingsPerAddress(int value) { maxMeetingsPerAddress = value; return this; }
    /** Meetings one address may create in any 60 minutes. */
    public ServerConfig meetingCreationsPerHour(int value) { meetingCreationsPerHour = value; return this; }
    public ServerConfig resumeGrace(Duration value) { resumeGrace = value; return this; }
    public ServerConfig helloTimeout(Duration value) { helloTimeout = value; return this; }
    /** Time from TCP accept to a completed TLS + WebSocket upgrade; a connection still short of it is closed. */
    public ServerConfig handshakeTimeout(Duration value) { handshakeTimeout = Objects.requireNonNull(value); return this; }
    /**
     * Open connections (including ones still in TLS or the upgrade) from one IP address, loopback included.
     * Anything that runs many participants from one machine, like the load test, raises it for its own server.
     */
    public ServerConfig maxConnectionsPerAddress(int value) { maxConnectionsPerAddress = value; return this; }
    public ServerConfig keepAliveSeconds(int value) { keepAliveSeconds = value; return this; }
    public ServerConfig messagesPerSecond(int perSecond, int burst) { messagesPerSecond = perSecond; messageBurst = burst; return this; }
    /** Rejected (over-rate) messages after which the connection is closed as a flood. */
    public ServerConfig floodCloseThreshold(int value) { floodCloseThreshold = value; return this; }
    /**
     * Passcode guessing, per address and meeting: {@code freeAttempts} wrong passcodes cost nothing, then each
     * doubles the wait before the next try, from 1 s up to {@code maxDelay} (which bounds guesses per hour).
     */
    public ServerConfig passcodeThrottle(int freeAttempts, Duration maxDelay) { passcodeFreeAttempts = freeAttempts; passcodeMaxDelay = maxDelay; return this; }
    public ServerConfig maxBinaryFrameBytes(int value) { maxBinaryFrameBytes = value; return this; }
    public ServerConfig mediaBytesPerSecond(long value) { mediaBytesPerSecond = value; return this; }
    /** Frames that may wait for one receiver before the relay starts dropping for it. */
    public ServerConfig relayQueueFrames(int value) { relayQueueFrames = value; return this; }
    /** Media bytes waiting for one receiver beyond which frames are dropped for it, like {@link #relayQueueFrames}. */
    public ServerConfig relayQueueBytes(long value) { relayQueueBytes = value; return this; }
    /**
     * Media waiting for one receiver, as time at the rate its connection recently drained, beyond which video
     * frames for it are dropped (audio is not).
     */
    public ServerConfig relayVideoBudget(Duration value) { relayVideoBudget = value; return this; }
    /** Bytes of any kind waiting for one receiver beyond which it is taken for a client that stopped reading. */
    public ServerConfig maxUnreadBytes(long value) { maxUnreadBytes = value; return this; }
    /** The largest file (sealed bytes) relayed; announced in {@code welcome}; 0 switches files off. */
    public ServerConfig maxFileBytes(long value) { maxFileBytes = Math.max(0, value); return this; }
    /** Scheduled meetings: how many, how long their IDs outlive their end (docs/protocol.md section 6.11). */
    public ServerConfig scheduleLimits(ScheduleLimits value) { scheduleLimits = Objects.requireNonNull(value); return this; }
    /** Makes this server a node of a Redis-coordinated cluster (docs/deployment.md); null: on its own. */
    public ServerConfig cluster(ClusterConfig value) { cluster = value; return this; }
}
