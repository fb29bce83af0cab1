package dev.confab.app;

import dev.confab.policy.EffectiveConfig;
import dev.confab.policy.PolicyKey;
import dev.confab.policy.ServerAddress;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * The administrator's policy for the headless meeting commands of the desktop build (issue #16): {@code confab
 * server} may listen for others only when {@code allowThisComputerHosting} allows it, and {@code confab bot} may
 * only go to the enforced {@code serverUrl}. Returns why a command is refused, or empty when it may run.
 */
final class CommandPolicy {

    private CommandPolicy() {
    }

    /** {@code confab server --bind ADDR}: a loopback-only server hosts nobody else, so it is always allowed. */
    static Optional<String> refuseServer(EffectiveConfig config, String bindAddress) {
        if (config.isEnabled(PolicyKey.ALLOW_THIS_COMPUTER_HOSTING) || isLoopback(bindAddress)) {
            return Optional.empty();
        }
        return Optional.of("your administrator does not allow hosting meetings on this computer ("
                + PolicyKey.ALLOW_THIS_COMPUTER_HOSTING.jsonName() + " is false in " + config.policy().file()
                + sourceHint(config, PolicyKey.ALLOW_THIS_COMPUTER_HOSTING)
                + "); --bind 127.0.0.1 starts a server only this computer can reach");
    }

    /** {@code confab bot --server URL}: with {@code serverUrl} enforced, only that server (or loopback for this-computer). */
    static Optional<String> refuseBot(EffectiveConfig config, URI server) {
        if (!config.isLocked(PolicyKey.SERVER_URL) || server == null) {
            return Optional.empty();
        }
        ServerAddress enforced = config.server();
        boolean allowed = switch (enforced) {
            case ServerAddress.Remote remote -> sameServer(remote.uri(), server);
            case ServerAddress.ThisComputer ignored -> isLoopback(server.getHost());
        };
        return allowed ? Optional.empty() : Optional.of("your administrator allows meetings only on "
                + enforced.text() + " (" + PolicyKey.SERVER_URL.jsonName() + " is enforced), not on " + server);
    }

    private static String sourceHint(EffectiveConfig config, PolicyKey key) {
        return config.policy().system().enforced().containsKey(key) ? "" : " or an added policy file";
    }

    private static boolean sameServer(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(String.valueOf(b.getScheme()))
                && a.getHost().equalsIgnoreCase(String.valueOf(b.getHost()))
                && port(a) == port(b);
    }

    private static int port(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : 443;
    }

    /** A literal loopback address or "localhost"; no name lookups (a name could resolve anywhere). */
    static boolean isLoopback(String host) {
        if (host == null || host.isBlank()) {
            return false;
        }
        String h = host.strip();
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!h.matches("[0-9.]+") && !h.contains(":")) {
            return false;
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
