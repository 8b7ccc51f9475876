package io.platform.audit.domain;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/**
 * The tamper-evident link between audit rows: {@code hash = sha256(previous hash ‖ canonical event bytes)}, one
 * chain per source topic partition (so replicas that own different partitions never contend for a chain head).
 *
 * <p>Canonical event bytes, version 1: the fields below, in this order, each as a 4-byte big-endian length followed by
 * its UTF-8 bytes (length {@code -1} and no bytes for null): the tag {@code audit-v1}, chain, seq, event id, event type,
 * topic, partition, offset, namespace, team, request id, actor, source, occurred-at and recorded-at (microseconds since
 * the epoch), outcome, payload (the exact JSON text stored). Numbers are decimal strings. The first row of a chain
 * follows {@link #GENESIS} (32 zero bytes).
 */
public final class HashChain {

    public static final String VERSION_TAG = "audit-v1";
    public static final byte[] GENESIS = new byte[32];
    private static final HexFormat HEX = HexFormat.of();

    private HashChain() {
    }

    public static String chainOf(String topic, int partition) {
        return topic + ":" + partition;
    }

    public static byte[] canonicalBytes(String chain, long seq, AuditEvent event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + event.payload().length() * 2);
        field(out, VERSION_TAG);
        field(out, chain);
        field(out, Long.toString(seq));
        field(out, event.eventId());
        field(out, event.type());
        field(out, event.topic());
        field(out, Integer.toString(event.partition()));
        field(out, Long.toString(event.offset()));
        field(out, event.namespace());
        field(out, event.team());
        field(out, event.requestId());
        field(out, event.actor());
        field(out, event.source());
        field(out, Long.toString(micros(event.occurredAt())));
        field(out, Long.toString(micros(event.recordedAt())));
        field(out, event.outcome().value());
        field(out, event.payload());
        return out.toByteArray();
    }

    public static byte[] hash(byte[] previous, byte[] canonical) {
        MessageDigest sha256 = sha256();
        sha256.update(previous);
        sha256.update(canonical);
        return sha256.digest();
    }

    public static String hex(byte[] bytes) {
        return bytes == null ? null : HEX.formatHex(bytes);
    }

    public static byte[] fromHex(String hex) {
        return HEX.parseHex(hex);
    }

    static long micros(Instant instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }

    private static void field(ByteArrayOutputStream out, String value) {
        if (value == null) {
            writeInt(out, -1);
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        writeInt(out, bytes.length);
        out.writeBytes(bytes);
    }

    private static void writeInt(ByteArrayOutputStream out, int value) {
        out.write(value >>> 24);
        out.write(value >>> 16);
        out.write(value >>> 8);
        out.write(value);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
