package io.platform.localstack.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class LocalPostgresOptionsTest {

    @Test
    void defaultsToPort15432AndTheStackDataDirectory() {
        LocalPostgres.Options options = LocalPostgres.Options.parse(new String[0]);

        assertThat(options.port()).isEqualTo(15432);
        assertThat(options.dataDir()).isEqualTo(Path.of(".platform/data/postgres"));
    }

    @Test
    void acceptsSeparatedAndInlineValues() {
        LocalPostgres.Options options = LocalPostgres.Options.parse(new String[] {"--port", "25432", "--data-dir=/tmp/pg"});

        assertThat(options.port()).isEqualTo(25432);
        assertThat(options.dataDir()).isEqualTo(Path.of("/tmp/pg"));
    }

    @Test
    void rejectsUnknownOptionsAndBadPorts() {
        assertThatIllegalArgumentException().isThrownBy(() -> LocalPostgres.Options.parse(new String[] {"--clean"}));
        assertThatIllegalArgumentException().isThrownBy(() -> LocalPostgres.Options.parse(new String[] {"--port", "70000"}));
        assertThatIllegalArgumentException().isThrownBy(() -> LocalPostgres.Options.parse(new String[] {"--port", "x"}));
        assertThatIllegalArgumentException().isThrownBy(() -> LocalPostgres.Options.parse(new String[] {"--port"}));
    }
}
