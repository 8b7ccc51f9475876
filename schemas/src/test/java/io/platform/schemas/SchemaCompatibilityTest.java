package io.platform.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.platform.schemas.release.ReleasedSchemas;
import io.platform.schemas.topic.Topics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaValidationException;
import org.apache.avro.SchemaValidatorBuilder;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The build gate for contract changes: every current event schema must be FULL_TRANSITIVE compatible with every
 * released version kept in {@code schemas/released}, and no released event type may disappear.
 */
class SchemaCompatibilityTest {

    private static final ReleasedSchemas RELEASED = new ReleasedSchemas(Path.of("released"));

    @TestFactory
    Stream<DynamicTest> everyCurrentSchemaIsFullTransitiveCompatibleWithItsReleases() {
        return currentSchemas().stream().map(schema -> DynamicTest.dynamicTest(schema.getFullName(), () -> {
            List<Schema> released = RELEASED.versionsNewestFirst(schema.getFullName());
            assertFullTransitive(schema, released);
        }));
    }

    @Test
    void everyEventTypeHasBeenReleased() {
        List<String> unreleased = currentSchemas().stream().map(Schema::getFullName)
                .filter(subject -> RELEASED.latestVersion(subject) == 0).toList();
        assertThat(unreleased)
                .as("run io.platform.schemas.release.SchemaRelease to record new event types as released")
                .isEmpty();
    }

    @Test
    void noReleasedEventTypeIsRemoved() {
        List<String> current = currentSchemas().stream().map(Schema::getFullName).toList();
        assertThat(current).containsAll(RELEASED.subjects());
    }

    @Test
    void refusesAddingAFieldWithoutDefault() {
        Schema v1 = parse("""
                {"type":"record","name":"Probe","namespace":"t","fields":[{"name":"a","type":"string"}]}""");
        Schema v2 = parse("""
                {"type":"record","name":"Probe","namespace":"t","fields":[{"name":"a","type":"string"},{"name":"b","type":"string"}]}""");
        assertThatThrownBy(() -> assertFullTransitive(v2, List.of(v1))).isInstanceOf(AssertionError.class);
    }

    @Test
    void refusesANewEnumSymbolWithoutEnumDefault() {
        Schema v1 = parse("""
                {"type":"record","name":"Probe","namespace":"t","fields":[{"name":"e","type":{"type":"enum","name":"E","symbols":["A"]}}]}""");
        Schema v2 = parse("""
                {"type":"record","name":"Probe","namespace":"t","fields":[{"name":"e","type":{"type":"enum","name":"E","symbols":["A","B"]}}]}""");
        assertThatThrownBy(() -> assertFullTransitive(v2, List.of(v1))).isInstanceOf(AssertionError.class);
    }

    @Test
    void acceptsAnOptionalFieldWithDefault() {
        Schema v1 = parse("""
                {"type":"record","name":"Probe","namespace":"t","fields":[{"name":"a","type":"string"}]}""");
        Schema v2 = parse("""
                {"type":"record","name":"Probe","namespace":"t","fields":[{"name":"a","type":"string"},{"name":"b","type":["null","string"],"default":null}]}""");
        assertFullTransitive(v2, List.of(v1));
    }

    static void assertFullTransitive(Schema candidate, List<Schema> releasedNewestFirst) {
        try {
            new SchemaValidatorBuilder().mutualReadStrategy().validateAll().validate(candidate, releasedNewestFirst);
        } catch (SchemaValidationException e) {
            throw new AssertionError(candidate.getFullName() + " is not FULL_TRANSITIVE compatible: " + e.getMessage(), e);
        }
        // The validator accepts a new enum symbol on an enum without default, which real readers reject.
        for (Schema previous : releasedNewestFirst) {
            var forward = SchemaCompatibility.checkReaderWriterCompatibility(previous, candidate);
            var backward = SchemaCompatibility.checkReaderWriterCompatibility(candidate, previous);
            if (forward.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE
                    || backward.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
                throw new AssertionError(candidate.getFullName() + " is not FULL_TRANSITIVE compatible: "
                        + forward.getResult().getIncompatibilities() + " " + backward.getResult().getIncompatibilities());
            }
        }
    }

    private static List<Schema> currentSchemas() {
        List<Schema> schemas = new ArrayList<>();
        Topics.ALL.forEach(topic -> schemas.addAll(topic.schemas()));
        return schemas;
    }

    private static Schema parse(String json) {
        return new Schema.Parser().parse(json);
    }
}
