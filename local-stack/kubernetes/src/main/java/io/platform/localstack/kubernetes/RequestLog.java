package io.platform.localstack.kubernetes;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * Records every request the stand-in receives as one tab-separated line: time, the bearer token (which names the
 * client: the local stack gives each service its own kubeconfig), method and path. The end-to-end suite checks these
 * requests against the least-privilege ClusterRoles of deploy/.
 */
final class RequestLog implements AutoCloseable {

    private final BufferedWriter out;

    RequestLog(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open request log " + file, e);
        }
    }

    synchronized void record(String authorization, String method, String path) {
        String token = authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7) : "-";
        try {
            out.write(Instant.now() + "\t" + token + "\t" + method + "\t" + path);
            out.newLine();
            out.flush();
        } catch (IOException e) {
            // a lost log line must not fail the API call
        }
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException ignored) {
            // closing on shutdown
        }
    }
}
