package io.platform.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Finds the repository root and the runnable jars of the local stack that tests start as processes. */
public final class ProjectLayout {

    private ProjectLayout() {
    }

    public static Path root() {
        String configured = System.getProperty("platform.root");
        if (configured != null && isRoot(Path.of(configured))) {
            return Path.of(configured);
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (isRoot(dir)) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("cannot find the repository root (the folder holding schemas/ and local-stack/) from "
                + Path.of("").toAbsolutePath());
    }

    private static boolean isRoot(Path dir) {
        return Files.isRegularFile(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("schemas"))
                && Files.isDirectory(dir.resolve("local-stack"));
    }

    /** A built jar under {@code module/target} whose name matches the glob; builds must have run first. */
    public static Path jar(String module, String glob) {
        Path target = root().resolve(module).resolve("target");
        try (Stream<Path> files = Files.exists(target) ? Files.list(target) : Stream.empty()) {
            var matcher = target.getFileSystem().getPathMatcher("glob:" + glob);
            return files.filter(file -> matcher.matches(file.getFileName())).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no " + glob + " in " + target
                            + ": build it first (./mvnw -DskipTests install)"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A scratch folder under the calling module's target directory. */
    public static Path scratch(String name) {
        Path dir = Path.of("target", "test-infra", name).toAbsolutePath();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }
}
