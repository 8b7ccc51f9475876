package io.platform.audit.maintenance;

import io.platform.audit.domain.AuditEvent;
import io.platform.audit.domain.AuditRecord;
import io.platform.audit.domain.HashChain;
import io.platform.audit.domain.Outcome;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The archive file format: gzip-compressed JSON Lines, one stored row per line with every column needed to re-check
 * the chain ({@code chain, seq, prevHash, hash} in hex, the event fields, and {@code payload} as the exact JSON
 * <em>text</em> that was hashed, in a string). File name: {@code <chain with ':' as '-p'>/<first seq>-<last seq>.jsonl.gz}.
 */
final class ArchiveFiles {

    static final JsonMapper JSON = JsonMapper.shared();

    private ArchiveFiles() {
    }

    static String fileName(String chain, long firstSeq, long lastSeq) {
        String directory = chain.replace(":", "-p").replaceAll("[^A-Za-z0-9._-]", "_");
        return directory + "/" + String.format("%012d-%012d.jsonl.gz", firstSeq, lastSeq);
    }

    static String line(AuditRecord record) {
        AuditEvent event = record.event();
        ObjectNode node = JSON.createObjectNode();
        node.put("id", record.id());
        node.put("chain", record.chain());
        node.put("seq", record.seq());
        node.put("prevHash", HashChain.hex(record.prevHash()));
        node.put("hash", HashChain.hex(record.hash()));
        node.put("eventId", event.eventId());
        node.put("type", event.type());
        node.put("topic", event.topic());
        node.put("partition", event.partition());
        node.put("offset", event.offset());
        node.put("namespace", event.namespace());
        node.put("team", event.team());
        node.put("requestId", event.requestId());
        node.put("actor", event.actor());
        node.put("source", event.source());
        node.put("occurredAt", event.occurredAt().toString());
        node.put("recordedAt", event.recordedAt().toString());
        node.put("outcome", event.outcome().value());
        node.put("payload", event.payload());
        return JSON.writeValueAsString(node);
    }

    static AuditRecord parse(String line) {
        JsonNode node = JSON.readTree(line);
        AuditEvent event = new AuditEvent(text(node, "eventId"), text(node, "type"), text(node, "topic"),
                node.path("partition").asInt(), node.path("offset").asLong(), text(node, "namespace"), text(node, "team"),
                text(node, "requestId"), text(node, "actor"), text(node, "source"),
                Instant.parse(text(node, "occurredAt")), Instant.parse(text(node, "recordedAt")),
                Outcome.fromValue(text(node, "outcome")), text(node, "payload"));
        return new AuditRecord(node.path("id").isNumber() ? node.path("id").asLong() : null, text(node, "chain"),
                node.path("seq").asLong(), HashChain.fromHex(text(node, "prevHash")), HashChain.fromHex(text(node, "hash")),
                event);
    }

    /** Reads every row of a file in order and returns the file's SHA-256 (hex) over its compressed bytes. */
    static String read(Path file, Consumer<AuditRecord> rows) {
        MessageDigest sha256 = sha256();
        try (InputStream raw = Files.newInputStream(file);
             DigestInputStream digesting = new DigestInputStream(raw, sha256);
             BufferedReader reader = new BufferedReader(new InputStreamReader(new GZIPInputStream(digesting),
                     StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    rows.accept(parse(line));
                }
            }
            digesting.transferTo(OutputStreamSink.INSTANCE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read archive " + file, e);
        }
        return HexFormat.of().formatHex(sha256.digest());
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    /** Discards bytes (to finish digesting a file's trailing bytes). */
    private static final class OutputStreamSink extends java.io.OutputStream {
        static final OutputStreamSink INSTANCE = new OutputStreamSink();

        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }
    }
}
