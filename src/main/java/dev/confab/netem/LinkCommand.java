package dev.confab.netem;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code confab link}: the link emulator on its own, between any Confab client (the desktop app, a bot) and any
 * server. The timed phases start with the first connection.
 */
@Command(name = "link", description = "Run the link emulator: a TCP proxy with a rate limit, added delay, stalls "
        + "and outages, scripted over time, in front of a server.")
public final class LinkCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Option(names = "--listen", required = true, paramLabel = "PORT", description = "Port to listen on (0 = any free one).")
    int listenPort;

    @Option(names = "--bind", paramLabel = "ADDR", defaultValue = "127.0.0.1",
            description = "Address to listen on. Default: ${DEFAULT-VALUE} (this computer only)")
    String bind;

    @Option(names = "--to", required = true, paramLabel = "HOST:PORT", description = "The server to forward to.")
    String to;

    @Option(names = "--spec", required = true, paramLabel = "SPEC",
            description = "What the link does, e.g. \"" + LinkSpecParser.EXAMPLE + "\". Timed phases count from the first connection.")
    String linkSpec;

    @Option(names = "--duration", paramLabel = "SECONDS", description = "Stop after this many seconds (default: until Ctrl-C).")
    Integer durationSeconds;

    @Override
    public Integer call() throws Exception {
        LinkSpec parsed;
        try {
            parsed = LinkSpec.parse(linkSpec);
        } catch (LinkSpecException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--spec: " + e.getMessage());
        }
        InetSocketAddress target = target();
        PrintWriter out = spec.commandLine().getOut();
        CountDownLatch stop = new CountDownLatch(1);
        try (LinkEmulator link = LinkEmulator.start(parsed, new InetSocketAddress(bind, listenPort), target,
                LinkEmulator.ScheduleStart.FIRST_CONNECTION)) {
            Thread hook = new Thread(stop::countDown);
            Runtime.getRuntime().addShutdownHook(hook);
            out.printf("Link emulator listening on %s:%d, forwarding to %s%n", bind, link.port(), to);
            out.println(parsed.describe().indent(2).stripTrailing());
            out.println("Connect clients to port " + link.port() + " instead of the server's (wss:// clients: "
                    + "trust the server's fingerprint, the host name is now " + bind + ").");
            out.flush();
            if (durationSeconds != null) {
                stop.await(durationSeconds, TimeUnit.SECONDS);
            } else {
                stop.await();
            }
            out.printf("Passed up %d bytes, down %d bytes over %d connections%n", link.bytesDelivered(Direction.UP),
                    link.bytesDelivered(Direction.DOWN), link.connectionsAccepted());
            out.flush();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is what got us here
            }
        }
        return 0;
    }

    private InetSocketAddress target() {
        int colon = to.lastIndexOf(':');
        try {
            if (colon <= 0) {
                throw new NumberFormatException();
            }
            int port = Integer.parseInt(to.substring(colon + 1));
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return new InetSocketAddress(to.substring(0, colon).replaceAll("^\\[|]$", ""), port);
        } catch (NumberFormatException e) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--to must be HOST:PORT, e.g. 127.0.0.1:47100, not '" + to + "'");
        }
    }
}
