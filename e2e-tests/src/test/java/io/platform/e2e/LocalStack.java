package io.platform.e2e;

import io.platform.test.ProjectLayout;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The whole platform as a user runs it: {@code ./platform up --detach} and {@code ./platform down}. */
final class LocalStack {

    private LocalStack() {
    }

    static Path root() {
        return ProjectLayout.root();
    }

    static void up() {
        run(List.of("./platform", "up", "--detach", "--no-build"), 600);
    }

    static void down() {
        run(List.of("./platform", "down"), 180);
    }

    static Path kubeconfig() {
        return root().resolve(".platform").resolve("kubeconfig");
    }

    private static void run(List<String> command, long timeoutSeconds) {
        Path log = ProjectLayout.scratch("e2e").resolve(String.join("-", command.subList(1, 2)) + ".log");
        try {
            Process process = new ProcessBuilder(command).directory(root().toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " timed out; see " + log);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " exited with " + process.exitValue()
                        + "; see " + log + "\n" + tail(log));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = java.nio.file.Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }
}
