package dev.confab.app;

import dev.confab.bot.BotCommand;
import dev.confab.logging.FileLogging;
import dev.confab.privacy.DataCommand;
import dev.confab.storage.AppPaths;
import dev.confab.server.ServerCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** Entry point of {@code confab.jar}: no subcommand starts the desktop app; subcommands run headless tools. */
@Command(name = "confab", mixinStandardHelpOptions = true, versionProvider = ConfabMain.Version.class,
        description = "Confab, the privacy-first meeting client. Without a subcommand it opens the desktop app.",
        subcommands = {CommandLine.HelpCommand.class, ServerCommand.class, BotCommand.class,
                DataCommand.class})
public final class ConfabMain implements Callable<Integer> {

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Keep all of Confab's files under DIR (portable use, tests). Default: the OS per-user folders, or $CONFAB_HOME.")
    Path dataDir;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        return new CommandLine(new ConfabMain()).setExecutionStrategy(ConfabMain::execute);
    }

    /** Headless commands that run a meeting log to the log file; the desktop app starts it only after consent. */
    private static int execute(CommandLine.ParseResult parsed) {
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
        DesktopLauncher.launch(dataDir);
        return 0;
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
