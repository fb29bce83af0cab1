package dev.confab.privacy;

import dev.confab.app.ConfabMain;
import dev.confab.logging.FileLogging;
import dev.confab.meeting.KnownServers;
import dev.confab.meeting.history.MeetingHistoryStore;
import dev.confab.meeting.history.MeetingRecord;
import dev.confab.protocol.ClientMessage;
import dev.confab.protocol.ProtocolVersion;
import dev.confab.protocol.ServerMessage;
import dev.confab.server.MeetingServer;
import dev.confab.server.ServerConfig;
import dev.confab.storage.AppPaths;
import dev.confab.storage.ConsentStore;
import dev.confab.storage.Settings;
import dev.confab.storage.SettingsStore;
import dev.confab.storage.UserDataEraser;
import dev.confab.testing.IntegrationTest;
import dev.confab.testing.TestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A full meeting of two bots (TLS server in-process, passcode, chat, pinned fingerprint) with file logging
 * into a private data folder; then what the privacy center and {@code confab data} see and do with it.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BotMeetingPrivacyTest {
    private static final String PASSCODE = "Planted-Passcode-7731";
    private static final String TOPIC = "Privacy review";
    private static final String CHAT = "planted chat text about the merger";
    private static final String FILE_TEXT = "planted file text about the acquisition";

    @TempDir
    static Path home;
    private AppPaths paths;
    private DataLocations locations;
    private String meetingId;
    private String resumeToken;

    @BeforeAll
    void runMeeting() throws Exception {
        Path planted = null;
        paths = AppPaths.under(home);
        locations = DataLocations.of(paths, true);
        MeetingServer server = new MeetingServer(new ServerConfig().bindAddress("127.0.0.1").port(0)
                .dataDir(home.resolve("server-under-test")));
        server.start();
        try {
            String url = server.url().toString();
            String fingerprint = server.fingerprint();
            StringWriter hostOut = new StringWriter();
            CompletableFuture<Integer> host = CompletableFuture.supplyAsync(() -> run(hostOut, "--data-dir", home.toString(),
                    "bot", "--server", url, "--new", "--name", "HostBot", "--passcode", PASSCODE, "--topic", TOPIC,
                    "--trust-fingerprint", fingerprint, "--duration", "3s"));
            await().atMost(Duration.ofSeconds(15)).until(() -> hostOut.toString().contains("Meeting ID"));
            Matcher id = Pattern.compile("Meeting ID: (\\d{10})").matcher(hostOut.toString());
            assertThat(id.find()).isTrue();
            meetingId = id.group(1);

            TestClient raw = tlsClient(server.url());
            resumeToken = raw.join(meetingId, "RawClient", PASSCODE).resumeToken();
            raw.send(new ClientMessage.Leave());
            raw.closeBlocking();

            planted = Files.writeString(Files.createTempFile("acquisition", ".txt"), FILE_TEXT); // outside the data folder
            int guest = run(new StringWriter(), "--data-dir", home.toString(), "bot", "--server", url,
                    "--meeting", meetingId, "--passcode", PASSCODE, "--name", "GuestBot", "--chat", CHAT,
                    "--send-file", planted.toString(), "--trust-fingerprint", fingerprint, "--duration", "500ms");
            assertThat(guest).isZero();
            assertThat(host.get(20, TimeUnit.SECONDS)).isZero();
        } finally {
            server.stop();
            FileLogging.disable();
            if (planted != null) {
                Files.deleteIfExists(planted);
            }
        }
    }

    @AfterAll
    void stopLogging() {
        FileLogging.disable();
    }

    @Test
    void logFilesHoldEventsButNoPlantedSecrets() throws Exception {
        List<Path> logFiles;
        try (Stream<Path> files = Files.walk(paths.logs())) {
            logFiles = files.filter(Files::isRegularFile).toList();
        }
        assertThat(logFiles).isNotEmpty();
        StringBuilder all = new StringBuilder();
        for (Path f : logFiles) {
            all.append(Files.readString(f, StandardCharsets.UTF_8));
        }
        assertThat(all).contains("event=meeting_created", "event=participant_joined");
        assertThat(all.toString()).doesNotContain(PASSCODE, CHAT, "merger", resumeToken, FILE_TEXT, "acquisition");
    }

    @Test
    void botMeetingIsInTheHistoryOfBothBots() throws Exception {
        List<MeetingRecord> records = MeetingHistoryStore.of(paths).list();
        assertThat(records).hasSize(2).allMatch(r -> r.meetingId().equals(meetingId) && r.endedAt() != null);
        assertThat(records).as("the host's topic, in the host's and the guest's history").allMatch(r -> TOPIC.equals(r.topic()));
        MeetingRecord hostView = records.stream().filter(r -> r.ownRole() == MeetingRecord.OwnRole.HOST).findFirst().orElseThrow();
        assertThat(hostView.participants()).extracting(MeetingRecord.Attendance::displayName)
                .containsExactly("HostBot", "RawClient", "GuestBot");
        assertThat(hostView.participants()).allMatch(a -> a.leftAt() != null && !a.leftAt().isBefore(a.joinedAt()));
    }

    @Test
    void everyCategoryIsListedExportedAndErasedForReal(@TempDir Path copy) throws Exception {
        copyTree(home, copy);
        DataLocations loc = DataLocations.of(AppPaths.under(copy), true);
        fillOtherCategories(loc);

        DataInventory inventory = new DataInventory(loc);
        Map<DataCategory, DataInventory.Summary> summaries = inventory.summaries();
        assertThat(summaries.values()).allSatisfy(s -> assertThat(s.items()).as(s.category().name()).isPositive());
        assertThat(summaries.get(DataCategory.MEETING_HISTORY).items()).isEqualTo(2);
        assertThat(summaries.get(DataCategory.RECORDINGS).items()).isEqualTo(2);
        assertThat(summaries.get(DataCategory.RECEIVED_FILES).items()).as("the file the host bot received").isEqualTo(1);

        Path zip = copy.resolve("export.zip");
        DataExporter.Manifest manifest = new DataExporter(loc, Clock.systemUTC()).export(zip);
        try (ZipFile z = new ZipFile(zip.toFile())) {
            assertThat(z.getEntry(DataExporter.MANIFEST)).isNotNull();
            int total = 0;
            for (DataCategory c : DataCategory.values()) {
                List<DataItem> items = inventory.items(c);
                var listed = manifest.categories().stream().filter(m -> m.category().equals(c.cliName())).findFirst().orElseThrow();
                assertThat(listed.items()).hasSameSizeAs(items);
                for (DataExporter.ManifestItem item : listed.items()) {
                    byte[] bytes = z.getInputStream(z.getEntry(item.path())).readAllBytes();
                    assertThat(bytes).hasSize((int) item.size());
                    assertThat(java.util.HexFormat.of().formatHex(DataExporter.sha256().digest(bytes))).isEqualTo(item.sha256());
                    total++;
                }
            }
            assertThat(z.size()).isEqualTo(total + 1);
        }

        DataEraser eraser = new DataEraser(loc);
        List<Path> recordingFiles = inventory.items(DataCategory.RECORDINGS).stream().map(DataItem::file).toList();
        eraser.erase(DataCategory.RECORDINGS);
        assertThat(recordingFiles).allMatch(f -> !Files.exists(f));
        assertThat(inventory.summary(DataCategory.RECORDINGS).items()).isZero();
        assertThat(inventory.summary(DataCategory.MEETING_HISTORY).items()).isEqualTo(2);

        eraser.eraseAllExcept(EnumSet.of(DataCategory.CONSENT));
        assertThat(inventory.summaries().values()).allMatch(s -> s.items() == (s.category() == DataCategory.CONSENT ? 1 : 0));
        assertThat(zip).exists(); // the user's export is not Confab's to delete

        eraser.eraseEverything();
        assertThat(UserDataEraser.nothingStored(loc.paths())).isTrue();
    }

    @Test
    void dataCommandListsExportsAndErases(@TempDir Path copy, @TempDir Path exports) throws Exception {
        copyTree(home, copy);
        StringWriter listed = new StringWriter();
        assertThat(run(listed, "--data-dir", copy.toString(), "data", "list")).isZero();
        assertThat(listed.toString()).containsPattern("meeting-history\\s+2\\s").contains("logs", copy.toString());

        Path zip = exports.resolve("all.zip");
        StringWriter exported = new StringWriter();
        assertThat(run(exported, "--data-dir", copy.toString(), "data", "export", zip.toString())).isZero();
        try (ZipFile z = new ZipFile(zip.toFile())) {
            assertThat(z.stream().map(java.util.zip.ZipEntry::getName))
                    .contains(DataExporter.MANIFEST).anyMatch(n -> n.startsWith("meeting-history/"));
        }

        StringWriter err = new StringWriter();
        CommandLine bad = ConfabMain.commandLine();
        bad.setErr(new PrintWriter(err, true));
        assertThat(bad.execute("--data-dir", copy.toString(), "data", "erase", "everything-please")).isEqualTo(2);
        assertThat(err.toString()).contains("Unknown category", "meeting-history");

        assertThat(run(new StringWriter(), "--data-dir", copy.toString(), "data", "erase", "meeting-history")).isZero();
        assertThat(MeetingHistoryStore.folder(AppPaths.under(copy))).doesNotExist();
        assertThat(run(new StringWriter(), "--data-dir", copy.toString(), "data", "erase", "--all")).isZero();
        assertThat(UserDataEraser.nothingStored(AppPaths.under(copy))).isTrue();
    }

    private static void fillOtherCategories(DataLocations loc) throws Exception {
        AppPaths p = loc.paths();
        Files.write(Files.createDirectories(loc.profileFolder()).resolve("avatar.png"), new byte[16]); // an older version's
        new SettingsStore(p, Clock.systemUTC()).save(Settings.defaults().withIdentity("Ada", null));
        Files.writeString(Files.createDirectories(p.serverDir()).resolve("server.p12"), "identity");
        Files.writeString(Files.createDirectories(p.cache().resolve("javafx")).resolve("libglass.so"), "library");
        new ConsentStore(p, Clock.systemUTC()).agree(1, "en");
        KnownServers.load(p.knownServersFile()).trust(URI.create("wss://meet.example.org:47100"), "AB".repeat(32));
        Files.createDirectories(p.data().resolve("chat-history"));
        Files.writeString(p.data().resolve("chat-history").resolve("1234567890.json"), "[]");
        Files.createDirectories(loc.recordings());
        Files.write(loc.recordings().resolve("meeting.mkv"), new byte[4096]);
        Files.writeString(loc.recordings().resolve("meeting.mkv.recording"), "{}");
        Files.createDirectories(p.data().resolve("annotations"));
        Files.write(p.data().resolve("annotations").resolve("confab-share-20261123-101530.png"), new byte[64]);
        Files.writeString(Files.createDirectories(dev.confab.meeting.history.PollResultsStore.folder(p))
                .resolve("poll-1.csv"), "choice,count\n");
        var plan = new dev.confab.meeting.schedule.MeetingPlan("Planning", java.time.Instant.now().plus(Duration.ofDays(1)),
                Duration.ofMinutes(30), java.time.ZoneId.of("UTC"), null, false, dev.confab.meeting.RecordingRule.HOST_ONLY);
        dev.confab.meeting.schedule.LocalSchedule.of(p).save(new dev.confab.meeting.schedule.PlannedMeeting("4842628111",
                URI.create("wss://meet.example.org:47100"), null, plan, "host-key", 0,
                java.time.Instant.now().plus(Duration.ofDays(2))));
    }

    private static void copyTree(Path from, Path to) throws Exception {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path src : walk.toList()) {
                Path dst = to.resolve(from.relativize(src).toString());
                if (Files.isDirectory(src)) {
                    Files.createDirectories(dst);
                } else {
                    Files.copy(src, dst);
                }
            }
        }
    }

    private static int run(StringWriter out, String... args) {
        CommandLine cli = ConfabMain.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(new StringWriter(), true));
        return cli.execute(args);
    }

    /** A raw protocol client over TLS; it trusts any certificate, which is fine against the test's own server. */
    private static TestClient tlsClient(URI url) throws Exception {
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, new TrustManager[]{new X509TrustManager() {
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
        TestClient client = new TestClient(url);
        client.setSocketFactory(tls.getSocketFactory());
        assertThat(client.connectBlocking(5, TimeUnit.SECONDS)).isTrue();
        client.send(new ClientMessage.Hello(ProtocolVersion.CURRENT, "test"));
        client.next(ServerMessage.Welcome.class);
        return client;
    }
}
