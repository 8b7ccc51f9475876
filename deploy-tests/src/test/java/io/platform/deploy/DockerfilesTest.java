package io.platform.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The Dockerfiles cannot be built here (no Docker engine); this checks what can be checked without building. */
class DockerfilesTest {

    static List<String> services() {
        return DeployLayout.SERVICES;
    }

    @ParameterizedTest
    @MethodSource("services")
    void eachServiceHasALayeredNonRootImageOnAPinnedJre(String service) throws IOException {
        Path dockerfile = DeployLayout.deployDir().getParent().resolve(service).resolve("Dockerfile");
        String content = Files.readString(dockerfile);

        assertThat(content).as("base image pinned to a JRE 17 release")
                .containsPattern("ARG JRE_IMAGE=eclipse-temurin:17\\.\\d+\\.\\d+_\\d+-jre")
                .doesNotContainPattern("(?m)^FROM \\S+:latest");
        assertThat(content).as("the service's own jar, extracted into layers")
                .contains("COPY target/" + service + ".jar ")
                .contains("-Djarmode=tools")
                .contains("extract --layers");
        assertThat(content).as("runs as a numeric non-root user").containsPattern("(?m)^USER [1-9]\\d*:[1-9]\\d*$");
        assertThat(content).contains("ENTRYPOINT [\"java\", \"-jar\", \"/application/" + service + ".jar\"]");
        // the Deployment's runAsUser matches the image's user
        assertThat(content).contains("USER 10001:10001");
    }
}
