package io.platform.schemas.release;

import io.platform.schemas.topic.TopicSpec;
import io.platform.schemas.topic.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.avro.Schema;

/**
 * Records the current schemas as released: every event type whose schema differs from its newest released
 * version gets a new {@code v<N+1>.avsc}. Run it when cutting a release, after the build's compatibility check passed:
 * {@code java -cp "schemas/target/schemas.jar:schemas/target/lib/*" io.platform.schemas.release.SchemaRelease schemas/released}
 */
public final class SchemaRelease {

    private SchemaRelease() {
    }

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : "schemas/released");
        ReleasedSchemas released = new ReleasedSchemas(root);
        int written = 0;
        for (TopicSpec<?> topic : Topics.ALL) {
            for (Schema schema : topic.schemas()) {
                String subject = schema.getFullName();
                List<Schema> versions = released.versionsNewestFirst(subject);
                if (!versions.isEmpty() && versions.get(0).equals(schema)
                        && versions.get(0).toString().equals(schema.toString())) {
                    continue;
                }
                Path file = released.pathOf(subject, released.latestVersion(subject) + 1);
                Files.createDirectories(file.getParent());
                Files.writeString(file, schema.toString(true) + System.lineSeparator());
                System.out.println("released " + root.relativize(file));
                written++;
            }
        }
        System.out.println(written == 0 ? "nothing to release: every schema equals its newest release" : "released " + written + " schema versions");
    }
}
