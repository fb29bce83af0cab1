package dev.confab.server;

import dev.confab.protocol.HumanDuration;
import dev.confab.storage.AppPaths;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code confab server}: runs the meeting server headless until SIGTERM/Ctrl-C. */
@Command(name = "server",
        description = "Run the Confab meeting server headless. Prints the address it listens on and, for the "
                + "self-signed certificate, its SHA-256 fingerprint for clients to compare.")
public final class ServerCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Option(names = "--port", paramLabel = "N", defaultValue = "47100", description = "TCP port (0 = any free port). Default: ${DEFAULT-VALUE}")
    int port;

    @Option(names = "--bind", paramLabel = "ADDR", defaultValue = "0.0.0.0", description = "Address to listen on. Default: ${DEFAULT-VALUE}")
    String bind;

    @Option(names = "--plain", description = "Unencrypted ws:// — only allowed with a loopback --bind (tests).")
    boolean plain;

    @Option(names = "--tls-keystore", paramLabel = "FILE.p12", description = "Use this PKCS#12 keystore (your organisation's certificate) instead of a self-signed one.")
    Path tlsKeystore;

    @Option(names = "--tls-password", paramLabel = "PASSWORD", defaultValue = "${env:CONFAB_TLS_PASSWORD}",
            description = "Keystore password (default: $CONFAB_TLS_PASSWORD).")
    String tlsPassword;

    @Option(names = "--max-participants", paramLabel = "N", defaultValue = "100", description = "Participants per meeting. Default: ${DEFAULT-VALUE}")
    int maxParticipants;

    @Option(names = "--max-meetings", paramLabel = "N", defaultValue = "500", description = "Meetings on this server. Default: ${DEFAULT-VALUE}")
    int maxMeetings;

    @Option(names = "--empty-meeting-grace", paramLabel = "DURATION", defaultValue = "2m", description = "How long an empty meeting is kept. Default: ${DEFAULT-VALUE}")
    String emptyMeetingGrace;

    @Option(names = "--unjoined-meeting-grace", paramLabel = "DURATION", defaultValue = "30s",
            description = "How long a meeting nobody but its creator was ever in is kept once nobody is connected. Default: ${DEFAULT-VALUE}")
    String unjoinedMeetingGrace;

    @Option(names = "--max-meetings-per-address", paramLabel = "N", defaultValue = "5",
            description = "Live meetings that clients from one IP address may have created (raise it for a shared office NAT). Default: ${DEFAULT-VALUE}")
    int maxMeetingsPerAddress;

    @Option(names = "--meeting-creations-per-hour", paramLabel = "N", defaultValue = "20",
            description = "Meetings one IP address may create in any 60 minutes. Default: ${DEFAULT-VALUE}")
    int meetingCreationsPerHour;

    @Option(names = "--resume-grace", paramLabel = "DURATION", defaultValue = "60s", description = "How long a dropped participant may resume. Default: ${DEFAULT-VALUE}")
    String resumeGrace;

    @Option(names = "--handshake-timeout", paramLabel = "DURATION", defaultValue = "10s",
            description = "Close connections that have not completed TLS and the WebSocket upgrade in this time. Default: ${DEFAULT-VALUE}")
    String handshakeTimeout;

    @Option(names = "--max-connections-per-address", paramLabel = "N", defaultValue = "20",
            description = "Open connections from one IP address (raise it when many users share one NAT address or proxy). Default: ${DEFAULT-VALUE}")
    int maxConnectionsPerAddress;

    @Option(names = "--max-file-mb", paramLabel = "MB", defaultValue = "100",
            description = "Largest file relayed in chat, in MiB (0 switches files off). Default: ${DEFAULT-VALUE}")
    int maxFileMegabytes;

    @Option(names = "--cluster", paramLabel = "redis://HOST:6379",
            description = "Run as one node of a cluster coordinated by this Redis (docs/deployment.md). Needs --advertise.")
    java.net.URI cluster;

    @Option(names = "--advertise", paramLabel = "wss://THIS-NODE:PORT",
            description = "With --cluster: the address clients are redirected to for this node.")
    java.net.URI advertise;

    @Option(names = "--node-name", paramLabel = "N",
            description = "With --cluster: this node's name, unique in the cluster. Default: the --advertise host and port.")
    String nodeName;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        ServerConfig config = new ServerConfig()
                .bindAddress(bind).port(port).plain(plain)
                .dataDir(AppPaths.resolve(parentDataDir()).serverDir())
                .maxParticipantsPerMeeting(maxParticipants).maxMeetings(maxMeetings)
                .maxMeetingsPerAddress(maxMeetingsPerAddress).meetingCreationsPerHour(meetingCreationsPerHour)
                .maxConnectionsPerAddress(maxConnectionsPerAddress)
                .maxFileBytes(maxFileMegabytes * 1024L * 1024);
        try {
            config.emptyMeetingGrace(HumanDuration.parse(emptyMeetingGrace)).resumeGrace(HumanDuration.parse(resumeGrace))
                    .unjoinedMeetingGrace(HumanDuration.parse(unjoinedMeetingGrace))
                    .handshakeTimeout(HumanDuration.parse(handshakeTimeout));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        if (tlsKeystore != null) {
            config.tlsKeystore(tlsKeystore, tlsPassword == null ? new char[0] : tlsPassword.toCharArray());
        }
        if (cluster != null || advertise != null || nodeName != null) {
            config.cluster(clusterConfig());
        }
        MeetingServer server = new MeetingServer(config);
        try {
            server.start();
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("confab server: " + e.getMessage());
            return 2;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            stopped.countDown();
        }, "confab-server-shutdown"));
        out.println("Confab server listening on " + server.url());
        if (server.fingerprint() != null) {
            out.println("Certificate SHA-256 fingerprint: " + server.fingerprint());
        }
        out.flush();
        stopped.await();
        return 0;
    }

    private ClusterConfig clusterConfig() {
        if (cluster == null || advertise == null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--cluster and --advertise go together (and --node-name with them)");
        }
        String name = nodeName != null ? nodeName : advertise.getHost() + "-" + advertise.getPort();
        try {
            return ClusterConfig.of(cluster, advertise, name);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private Path parentDataDir() {
        CommandSpec parent = spec.parent();
        if (parent == null || parent.findOption("--data-dir") == null) {
            return null;
        }
        return parent.findOption("--data-dir").getValue();
    }
}
