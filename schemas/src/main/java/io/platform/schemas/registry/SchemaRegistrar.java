package io.platform.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.platform.schemas.topic.TopicSpec;
import io.platform.schemas.topic.Topics;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * The deliberate schema registration step. Producers never register schemas themselves outside tests:
 * this registers every event type of the topic catalog under its record-name subject through the registry's
 * Confluent-compatible API and pins the subject's compatibility to FULL_TRANSITIVE, so an incompatible schema is
 * refused by the registry as well as by the build.
 *
 * <p>Usage: {@code java -cp "schemas/target/schemas.jar:schemas/target/lib/*" io.platform.schemas.registry.SchemaRegistrar --url http://localhost:8081}
 */
public final class SchemaRegistrar {

    public static final String COMPATIBILITY = "FULL_TRANSITIVE";
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

    private final String confluentApi;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    /** @param registryRoot scheme://host:port of the registry */
    public SchemaRegistrar(String registryRoot) {
        String root = registryRoot.endsWith("/") ? registryRoot.substring(0, registryRoot.length() - 1) : registryRoot;
        this.confluentApi = root + "/apis/ccompat/v7";
    }

    /** Registers every schema of the catalog; returns subject to schema id. */
    public Map<String, Integer> registerAll() {
        Map<String, Integer> ids = new LinkedHashMap<>();
        for (TopicSpec<?> topic : Topics.ALL) {
            for (Schema schema : topic.schemas()) {
                ids.put(schema.getFullName(), register(schema));
            }
        }
        return ids;
    }

    /** Registers one schema under subject = its full name (idempotent: the same schema keeps its id). */
    public int register(Schema schema) {
        String subject = schema.getFullName();
        String body = json.createObjectNode().put("schema", schema.toString()).toString();
        JsonNode answer = send("POST", "/subjects/" + encode(subject) + "/versions", body, subject);
        send("PUT", "/config/" + encode(subject), "{\"compatibility\":\"" + COMPATIBILITY + "\"}", subject);
        return answer.path("id").asInt();
    }

    private JsonNode send(String method, String path, String body, String subject) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(confluentApi + path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", CONTENT_TYPE)
                .method(method, HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new SchemaRegistrationException(subject, method + " " + path + " answered "
                        + response.statusCode() + ": " + response.body());
            }
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new SchemaRegistrationException(subject, "registry unreachable at " + confluentApi + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistrationException(subject, "interrupted");
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    public static void main(String[] args) {
        String url = "http://localhost:8081";
        List<String> rest = new ArrayList<>(List.of(args));
        for (int i = 0; i < rest.size(); i++) {
            if (rest.get(i).equals("--url") && i + 1 < rest.size()) {
                url = rest.get(i + 1);
            }
        }
        try {
            Map<String, Integer> ids = new SchemaRegistrar(url).registerAll();
            ids.forEach((subject, id) -> System.out.printf("  %-60s id %d%n", subject, id));
            System.out.printf("registered %d schemas (compatibility %s) at %s%n", ids.size(), COMPATIBILITY, url);
        } catch (SchemaRegistrationException e) {
            System.err.println("schema registration failed: " + e.getMessage());
            System.exit(1);
        }
    }

    /** A schema the registry refused, or a registry that could not be reached. */
    public static final class SchemaRegistrationException extends RuntimeException {
        private final String subject;

        public SchemaRegistrationException(String subject, String reason) {
            super(subject + ": " + reason);
            this.subject = subject;
        }

        public String subject() {
            return subject;
        }
    }
}
