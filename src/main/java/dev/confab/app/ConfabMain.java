package dev.confab.app;

import dev.confab.bot.BotCommand;
import dev.confab.logging.FileLogging;
import dev.confab.privacy.DataCommand;
import dev.confab.loadtest.LoadTestCommand;
import dev.confab.netem.LinkCommand;
import dev.confab.server.ServerCommand;
import dev.confab.policy.DeepLink;
import dev.confab.policy.EffectiveConfig;
import dev.confab.policy.EffectiveConfigReport;
import dev.confab.policy.Policy;
import dev.confab.policy.PolicyFile;
import dev.confab.policy.UserSettingsValues;
import dev.confab.storage.AppPaths;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/** Entry point of {@code confab.jar}: no subcommand starts the desktop app; subcommands run headless tools. */
@Command(name = "confab", mixinStandardHelpOptions = true, versionProvider = ConfabMain.Version.class,
        description = "Confab, the privacy-first meeting client. Without a subcommand it opens the desktop app.",
        subcommands = {CommandLine.HelpCommand.class, ServerCommand.class, BotCommand.class,
                DataCommand.class, LoadTestCommand.class, LinkCommand.class, ScheduleCommand.class})
public final class ConfabMain implements Callable<Integer> {

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Keep all of Confab's files under DIR (portable use, tests). Default: the OS per-user folders, or $CONFAB_HOME.")
    Path dataDir;

    @Option(names = "--demo",
            description = "Open straight into a demo meeting on this computer with three synthetic participants "
                    + "(moving test patterns, tones, chat); they leave when you do.")
    boolean demo;

    @Option(names = "--print-effective-config",
            description = "Print every administrator-controllable setting, its value and where it came from (policy file, your settings, built-in), then exit.")
    boolean printEffectiveConfig;

    @Option(names = "--check-policy", paramLabel = "FILE",
            description = "Check a policy file on its own before deploying it (its keys, values and warnings), then exit. "
                    + "Changes nothing: the policy in force is always the system one.")
    Path checkPolicy;

    @Option(names = "--self-check",
            description = "Check this installation without opening a window (FFmpeg natives, JavaFX, TLS, policy file, user folders); exit code 0 when all is well.")
    boolean selfCheck;

    @Option(names = "--startup-probe",
            description = "Start the desktop app, print how many ms after start its first window was shown, then quit "
                    + "(exit code 1 if no window appears: no display, a missing system library). Measures start-up.")
    boolean startupProbe;

    @Parameters(index = "0", arity = "0..1", paramLabel = "LINK",
            description = "A confab://join?server=...&meeting=... link: opens the lobby filled in; Confab asks before joining.")
    String link;

    /** The validated join link for the lobby (empty when none or invalid); set by {@link #call()}. */
    Optional<DeepLink> pendingJoin = Optional.empty();
    /** Why the given link was refused, for the lobby to show; empty when there was no bad link. */
    Optional<DeepLink.InvalidDeepLinkException> pendingJoinError = Optional.empty();

    /** Where the machine policy comes from; tests point it at their own file. */
    Supplier<Policy> policySource = PolicyFile::load;

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        return commandLine(new ConfabMain());
    }

    static CommandLine commandLine(ConfabMain main) {
        return new CommandLine(main).setExecutionStrategy(parsed -> execute(parsed, main));
    }

    /**
     * Headless commands that run a meeting log to the log file; the desktop app starts it only after consent.
     * They honour the administrator's policy like the app does: see {@link CommandPolicy}.
     */
    private static int execute(CommandLine.ParseResult parsed, ConfabMain main) {
        if (parsed.hasSubcommand() && java.util.Set.of("server", "bot", "link", "schedule").contains(parsed.subcommand().commandSpec().name())
                && !parsed.subcommand().isUsageHelpRequested()) {
            Optional<String> refused = main.refusedByPolicy(parsed.subcommand());
            if (refused.isPresent()) {
                parsed.commandSpec().commandLine().getErr().println("confab " + parsed.subcommand().commandSpec().name()
                        + ": " + refused.get());
                return POLICY_REFUSED;
            }
        }
        if (parsed.hasSubcommand() && java.util.Set.of("server", "bot").contains(parsed.subcommand().commandSpec().name())
                && !parsed.subcommand().isUsageHelpRequested()) {
            Path logs = AppPaths.resolve(parsed.matchedOptionValue("--data-dir", null)).logs();
            try {
                FileLogging.enable(logs);
            } catch (java.io.IOException | RuntimeException e) {
                parsed.commandSpec().commandLine().getErr().println("confab: no log file in " + logs + ": " + e.getMessage());
            }
        }
        return new CommandLine.RunLast().execute(parsed);
    }

    @Override
    public Integer call() {
        if (selfCheck) {
            return SelfCheck.run(spec.commandLine().getOut(), dataDir);
        }
        if (checkPolicy != null) {
            EffectiveConfigReport.printCheck(PolicyFile.load(checkPolicy), spec.commandLine().getOut());
            return 0;
        }
        if (printEffectiveConfig) {
            EffectiveConfigReport.print(effectiveConfig(), spec.commandLine().getOut());
            return 0;
        }
        acceptLink();
        if (startupProbe) {
            return DesktopLauncher.probeStartup(dataDir, spec.commandLine().getOut());
        }
        DesktopLauncher.launch(dataDir, link, pendingJoin, pendingJoinError, demo);
        return 0;
    }

    /** Exit code of a command the administrator's policy does not allow. */
    static final int POLICY_REFUSED = 3;

    /**
     * Why the policy forbids this {@code server}, {@code link} or {@code bot} command, if it does: the first two
     * listen for others (a link emulator on a network address relays others to a server), the bot joins a server,
     * and {@code schedule} talks to one: both only to the enforced {@code serverUrl}.
     */
    Optional<String> refusedByPolicy(CommandLine.ParseResult command) {
        String name = command.commandSpec().name();
        EffectiveConfig config = effectiveConfig();
        if (name.equals("server") || name.equals("link")) {
            String bind = command.commandSpec().findOption("--bind").getValue();
            return CommandPolicy.refuseServer(config, bind);
        }
        java.net.URI server = command.commandSpec().findOption("--server").getValue();
        return CommandPolicy.refuseBot(config, server);
    }

    /** Validates the LINK argument for the lobby; a bad link is reported, never fatal. */
    void acceptLink() {
        if (link == null) {
            return;
        }
        try {
            pendingJoin = Optional.of(DeepLink.parse(link));
        } catch (DeepLink.InvalidDeepLinkException e) {
            // Still open the app: the user clicked something and expects Confab to appear.
            pendingJoinError = Optional.of(e);
            spec.commandLine().getErr().println("confab: ignoring the link: " + e.getMessage());
        }
    }

    /** Machine policy merged with this user's saved settings (from --data-dir / CONFAB_HOME / OS folders). */
    EffectiveConfig effectiveConfig() {
        Policy policy = policySource.get();
        List<String> userWarnings = new ArrayList<>();
        EffectiveConfig config = UserSettingsValues.effectiveConfig(policy, AppPaths.resolve(dataDir), userWarnings);
        userWarnings.forEach(w -> spec.commandLine().getErr().println("confab: " + w));
        return config;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[]{"Confab " + version(), "Java " + Runtime.version()};
        }
    }

    public static String version() {
        String v = ConfabMain.class.getPackage().getImplementationVersion();
        return v != null ? v : "dev";
    }
}
