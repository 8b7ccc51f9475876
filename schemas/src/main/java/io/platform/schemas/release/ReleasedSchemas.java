package io.platform.schemas.release;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;

/**
 * The schema versions that have been released, kept in the repository under {@code schemas/released/<full
 * record name>/v<N>.avsc}. A release never changes; new versions must stay FULL_TRANSITIVE compatible with all of them.
 */
public final class ReleasedSchemas {

    private final Path root;

    public ReleasedSchemas(Path root) {
        this.root = root;
    }

    public List<String> subjects() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(Files::isDirectory).map(dir -> dir.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Released versions of a subject, newest first. */
    public List<Schema> versionsNewestFirst(String subject) {
        List<Path> files = versionFiles(subject);
        List<Schema> schemas = new ArrayList<>();
        for (int i = files.size() - 1; i >= 0; i--) {
            try {
                schemas.add(new Schema.Parser().parse(files.get(i).toFile()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return schemas;
    }

    public int latestVersion(String subject) {
        return versionFiles(subject).size();
    }

    public Path pathOf(String subject, int version) {
        return root.resolve(subject).resolve("v" + version + ".avsc");
    }

    private List<Path> versionFiles(String subject) {
        Path dir = root.resolve(subject);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().matches("v\\d+\\.avsc"))
                    .sorted(Comparator.comparingInt(ReleasedSchemas::versionOf))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int versionOf(Path file) {
        String name = file.getFileName().toString();
        return Integer.parseInt(name.substring(1, name.length() - ".avsc".length()));
    }
}
