package dev.confab.app;

import dev.confab.bot.BotCommand;
import dev.confab.loadtest.LoadTestCommand;
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
                LoadTestCommand.class})
public final class ConfabMain implements Callable<Integer> {

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Keep all of Confab's files under DIR (portable use, tests). Default: the OS per-user folders, or $CONFAB_HOME.")
    Path dataDir;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        return new CommandLine(new ConfabMain());
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
