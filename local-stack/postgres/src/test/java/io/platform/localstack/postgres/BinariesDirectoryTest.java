package io.platform.localstack.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BinariesDirectoryTest {

    @TempDir
    Path root;

    @Test
    void livesNextToTheDataDirectory() throws Exception {
        assertThat(LocalPostgres.binariesDir(root.resolve("postgres"))).isEqualTo(root.resolve("postgres-binaries"));
    }

    @Test
    void removesAnInterruptedUnpackingButKeepsACompleteOne() throws Exception {
        Path binaries = root.resolve("postgres-binaries");
        Path interrupted = Files.createDirectories(binaries.resolve("PG-interrupted/lib"));
        Files.writeString(interrupted.resolve("libpq.so"), "partial");
        Path complete = Files.createDirectories(binaries.resolve("PG-complete"));
        Files.createFile(complete.resolve(".exists"));

        LocalPostgres.binariesDir(root.resolve("postgres"));

        assertThat(binaries.resolve("PG-interrupted")).doesNotExist();
        assertThat(complete.resolve(".exists")).exists();
    }
}
