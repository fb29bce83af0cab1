package dev.confab.meeting.files;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.confab.protocol.FileChunkFrame;

import java.io.IOException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;

/**
 * What a file offer's envelope holds (docs/security.md section 10), encrypted like a chat message: the file's
 * name, type, size and SHA-256 (hex) and the key its chunks are sealed with. {@code kind} is always
 * {@value #KIND}, so a chat text can never be taken for a file or the other way round.
 */
public record FileManifest(@JsonProperty(required = true) String kind,
                           @JsonProperty(required = true) int transferId,
                           @JsonProperty(required = true) String name,
                           @JsonProperty(required = true) String type,
                           @JsonProperty(required = true) long size,
                           @JsonProperty(required = true) String sha256,
                           @JsonProperty(required = true) String key) {

    public static final String KIND = "confab-file-v1";
    /** Longer names are cut when sending; a received longer one is refused. */
    public static final int MAX_NAME_CHARS = 255;
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    public FileManifest {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(key, "key");
    }

    /** Chunks a file of {@code size} plain bytes is sent in (an empty file still has one, empty, chunk). */
    public static int chunksFor(long size) {
        return (int) Math.max(1, (size + FileChunkFrame.CHUNK_BYTES - 1) / FileChunkFrame.CHUNK_BYTES);
    }

    /** The sum of the sealed chunks: what {@code file_offer.size} says and the server's limit counts. */
    public static long sealedSize(long size) {
        return size + (long) chunksFor(size) * FileChunkFrame.TAG_BYTES;
    }

    public int chunks() {
        return chunksFor(size);
    }

    public byte[] keyBytes() {
        return Base64.getDecoder().decode(key);
    }

    public String toJson() {
        try {
            return MAPPER.writeValueAsString(this);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Reads and checks a decrypted manifest.
     *
     * @throws IllegalArgumentException when it is not one, or its fields are out of range
     */
    public static FileManifest fromJson(String json) {
        FileManifest manifest;
        try {
            manifest = MAPPER.readValue(json, FileManifest.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("Not a file manifest: " + e.getClass().getSimpleName());
        }
        if (!KIND.equals(manifest.kind) || manifest.size < 0 || manifest.name.isBlank()
                || manifest.name.length() > MAX_NAME_CHARS || manifest.sha256.length() != 64) {
            throw new IllegalArgumentException("Not a valid file manifest");
        }
        HexFormat.of().parseHex(manifest.sha256);
        if (manifest.keyBytes().length != FileCipher.KEY_BYTES) {
            throw new IllegalArgumentException("A file key is " + FileCipher.KEY_BYTES + " bytes");
        }
        return manifest;
    }
}
