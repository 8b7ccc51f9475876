package io.platform.e2e.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Replaces one section (a {@code ## heading} up to the next) of a markdown file, e.g. BENCHMARKS.md. */
public final class BenchmarksFile {

    private BenchmarksFile() {
    }

    public static void replaceSection(Path file, String heading, String body) throws IOException {
        String text = Files.exists(file) ? Files.readString(file) : "# Benchmarks\n";
        String marker = "## " + heading;
        int start = text.indexOf(marker);
        String section = marker + "\n\n" + body.strip() + "\n\n";
        if (start < 0) {
            text = text.stripTrailing() + "\n\n" + section;
        } else {
            int next = text.indexOf("\n## ", start + marker.length());
            text = text.substring(0, start) + section + (next < 0 ? "" : text.substring(next + 1));
        }
        Files.writeString(file, text.stripTrailing() + "\n");
    }
}
