package dev.confab.privacy;

import dev.confab.i18n.Messages;
import dev.confab.storage.AppPaths;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/** {@code confab data list | export FILE | erase (--all | CATEGORY)}: the privacy center for administrators and scripts. */
@Command(name = "data", description = "List, export or erase the personal data Confab stores on this computer.",
        subcommands = CommandLine.HelpCommand.class)
public final class DataCommand {

    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Option(names = "--recordings-dir", paramLabel = "DIR", description = "Confab's recordings folder. Default: the folder chosen in Settings, else <Videos>/Confab, or <data-dir>/data/recordings with --data-dir/CONFAB_HOME.")
    Path recordingsDir;

    @Command(name = "list", description = "Show each category with its number of files and size on disk, and what it holds.")
    int list() throws IOException {
        DataLocations locations = locations();
        PrintWriter out = out();
        Map<DataCategory, DataInventory.Summary> all = new DataInventory(locations).summaries();
        out.printf("%-22s %7s %12s  %s%n", "CATEGORY", "ITEMS", "SIZE", "NAME");
        for (DataInventory.Summary s : all.values()) {
            out.printf("%-22s %7d %12s  %s%n", s.category().cliName(), s.items(), DataInventory.humanSize(s.bytes()),
                    Messages.get(Messages.ENGLISH, s.category().key()));
        }
        out.println();
        for (DataKind kind : DataMap.stored()) {
            out.println(kind.id() + ": " + Messages.get(Messages.ENGLISH, kind.key("what")) + " Kept: "
                    + Messages.get(Messages.ENGLISH, kind.key("kept")));
        }
        out.println();
        out.println("Data: " + locations.paths().data());
        out.println("Settings: " + locations.paths().config());
        out.println("Logs: " + locations.paths().logs());
        out.println("Recordings: " + locations.recordings());
        out.flush();
        return 0;
    }

    @Command(name = "export", description = "Write everything to one ZIP file with a manifest (sizes, SHA-256).")
    int export(@Parameters(paramLabel = "FILE", description = "The ZIP file to create.") Path file) throws IOException {
        DataExporter.Manifest manifest = new DataExporter(locations(), Clock.systemUTC()).export(file);
        int items = manifest.categories().stream().mapToInt(c -> c.items().size()).sum();
        out().println("Exported " + items + " files to " + file.toAbsolutePath());
        out().flush();
        return 0;
    }

    @Command(name = "erase", description = "Delete one category, or --all (everything, consent included: Confab starts over).")
    int erase(@Option(names = "--all", description = "Erase everything.") boolean all,
              @Parameters(arity = "0..1", paramLabel = "CATEGORY",
                      description = "One of: profile, settings, consent, meeting-history, saved-chats, recordings, "
                              + "annotations, logs, pinned-certificates, server-identity, app-files, received-files, scheduled-meetings.") String category) throws IOException {
        if (all == (category != null)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Give either --all or one CATEGORY");
        }
        DataEraser eraser = new DataEraser(locations());
        if (all) {
            eraser.eraseEverything();
            out().println("Erased all Confab data.");
        } else {
            DataCategory c;
            try {
                c = DataCategory.fromCliName(category);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            eraser.erase(c);
            out().println("Erased " + c.cliName() + ".");
        }
        out().flush();
        return 0;
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }

    private DataLocations locations() {
        Path override = dataDirOption();
        AppPaths paths = AppPaths.resolve(override);
        DataLocations defaults = DataLocations.ofUser(paths);
        return recordingsDir == null ? defaults : new DataLocations(paths, recordingsDir, true);
    }

    private Path dataDirOption() {
        CommandSpec parent = spec.root();
        return parent.findOption("--data-dir") == null ? null : parent.findOption("--data-dir").getValue();
    }
}
