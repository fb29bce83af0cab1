package dev.confab.testing;

import dev.confab.app.ConfabMain;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;

/** One run of {@code confab …} in this JVM, exactly as the command line runs it (bots, servers, load tests). */
public record CliRun(int exitCode, String out, String err) {
    private static final Pattern MEETING_ID = Pattern.compile("Meeting ID: (\\d{10})");

    public static CliRun of(String... args) {
        return execute(new StringWriter(), args);
    }

    /** A run whose command objects {@code setup} adjusts first (e.g. hands the bot a stand-in segmenter). */
    public static CliRun of(java.util.function.Consumer<CommandLine> setup, String... args) {
        CommandLine cli = ConfabMain.commandLine();
        setup.accept(cli);
        return execute(cli, new StringWriter(), args);
    }

    private static CliRun execute(StringWriter out, String... args) {
        return execute(ConfabMain.commandLine(), out, args);
    }

    private static CliRun execute(CommandLine cli, StringWriter out, String... args) {
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** Starts a run on its own thread (the common pool may have a single thread on a small machine). */
    public static Background inBackground(String... args) {
        return new Background(args);
    }

    /** A bot running while the test goes on. */
    public static final class Background {
        private final StringWriter out = new StringWriter();
        private final CompletableFuture<CliRun> result = new CompletableFuture<>();
        private final CommandLine cli = ConfabMain.commandLine();

        private Background(String... args) {
            Thread.ofPlatform().daemon().name("test-bot").start(() -> {
                try {
                    result.complete(execute(cli, out, args));
                } catch (Throwable e) {
                    result.completeExceptionally(e);
                }
            });
        }

        /** Waits until the bot has printed {@code text}. */
        public void awaitOutput(String text) {
            await().atMost(Duration.ofSeconds(20)).until(() -> out.toString().contains(text));
        }

        /** The ID of the meeting a {@code --new} bot created, once it has printed it. */
        public String meetingId() {
            awaitOutput("Meeting ID");
            Matcher id = MEETING_ID.matcher(out.toString());
            if (!id.find()) {
                throw new AssertionError("No meeting ID in: " + out);
            }
            return id.group(1);
        }

        public CliRun result() throws Exception {
            return result.get();
        }

        /** The run's result, waiting at most {@code limit} (a bot that outstays it fails the test). */
        public CliRun result(Duration limit) throws Exception {
            return result.get(limit.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        }

        /**
         * Ends a bot's stay now (as if its {@code --duration} had passed): it leaves normally and reports, so a
         * test that is done with it need not wait out a duration chosen long enough for a loaded machine.
         */
        public Background leaveNow() {
            cli.getSubcommands().get("bot").<dev.confab.bot.BotCommand>getCommand().leaveNow();
            return this;
        }

        /** What it printed so far. */
        public String output() {
            return out.toString();
        }
    }
}
