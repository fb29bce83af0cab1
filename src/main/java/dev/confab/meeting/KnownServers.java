package dev.confab.meeting;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.confab.protocol.CertificateFingerprint;
import dev.confab.signaling.ServerTrust;
import dev.confab.storage.SealedFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Certificate fingerprints the user chose to trust, per server {@code host:port} (trust on first use, like
 * SSH's known_hosts). Kept in {@code AppPaths.knownServersFile()}, written atomically, owner-only.
 * Thread-safe.
 */
public final class KnownServers {

    /** One pinned server. */
    public record Entry(String fingerprint, Instant trustedAt) {
    }

    private record FileContent(Map<String, Entry> servers) {
    }

    private static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT).build();

    private final Path file;
    private final SealedFiles files;
    private final Map<String, Entry> servers = new TreeMap<>();

    private KnownServers(Path file, SealedFiles files) {
        this.file = file;
        this.files = files;
    }

    /** Loads the file as it is (not encrypted); a missing file means no pinned servers. */
    public static KnownServers load(Path file) {
        return load(file, SealedFiles.PLAIN);
    }

    /** Loads the file, encrypted at rest with {@code files}' key where there is one. */
    public static KnownServers load(Path file, SealedFiles files) {
        KnownServers known = new KnownServers(file, files);
        if (Files.exists(file)) {
            try {
                FileContent content = JSON.readValue(files.read(file), FileContent.class);
                if (content.servers() != null) {
                    known.servers.putAll(content.servers());
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + file, e);
            }
        }
        return known;
    }

    /** The trust to use for this server: system trust store plus its pinned fingerprint, if any. */
    /** {@code server} with the fingerprint the user trusted for it, if any. */
    public synchronized ServerEndpoint endpointFor(URI server) {
        return new ServerEndpoint(server, fingerprintFor(server).orElse(null));
    }

    public synchronized ServerTrust trustFor(URI server) {
        return new ServerTrust(fingerprintFor(server).orElse(null));
    }

    public synchronized Optional<String> fingerprintFor(URI server) {
        return Optional.ofNullable(servers.get(key(server))).map(Entry::fingerprint);
    }

    /** Pins {@code fingerprint} for the server (replacing an older pin) and saves the file. */
    public synchronized void trust(URI server, String fingerprint) throws IOException {
        servers.put(key(server), new Entry(CertificateFingerprint.normalize(fingerprint), Instant.now()));
        save();
    }

    public synchronized void forget(URI server) throws IOException {
        if (servers.remove(key(server)) != null) {
            save();
        }
    }

    private void save() throws IOException {
        files.write(file, JSON.writeValueAsBytes(new FileContent(new TreeMap<>(servers))));
    }

    static String key(URI server) {
        int port = server.getPort() != -1 ? server.getPort() : 443;
        return server.getHost().toLowerCase(Locale.ROOT) + ":" + port;
    }
}
