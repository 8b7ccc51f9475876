package io.platform.audit.domain;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

/**
 * Where a page of search results ended: the (occurredAt, id) of its last row. Opaque to callers (base64url); the next
 * page starts strictly after it, so rows inserted meanwhile never shift or repeat a page.
 */
public record AuditCursor(Instant occurredAt, long id) {

    public static AuditCursor after(AuditRecord last) {
        return new AuditCursor(last.event().occurredAt(), last.id());
    }

    public String encode() {
        String plain = "v1:" + HashChain.micros(occurredAt) + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** @throws IllegalArgumentException when the text is not a cursor this service issued */
    public static AuditCursor decode(String text) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            String[] parts = plain.split(":");
            if (parts.length != 3 || !parts[0].equals("v1")) {
                throw new IllegalArgumentException("not a cursor");
            }
            return new AuditCursor(Instant.EPOCH.plus(Long.parseLong(parts[1]), ChronoUnit.MICROS), Long.parseLong(parts[2]));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a cursor of this API: pass nextCursor of the previous page", e);
        }
    }
}
