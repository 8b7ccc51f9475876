package io.platform.audit.messaging;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.GenericRecord;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Renders any Avro datum as plain JSON for people and SQL: records become objects, unions their branch's value (no
 * type wrapper), timestamps ISO-8601 strings, dates {@code yyyy-MM-dd}, bytes base64. Works from the writer schema
 * alone, so no generated class is needed.
 */
public final class AvroJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private AvroJson() {
    }

    public static ObjectNode toJson(GenericRecord record) {
        return (ObjectNode) value(record.getSchema(), record);
    }

    static JsonNode value(Schema schema, Object datum) {
        if (datum == null) {
            return NODES.nullNode();
        }
        LogicalType logical = schema.getLogicalType();
        switch (schema.getType()) {
            case UNION:
                return value(schema.getTypes().get(GenericData.get().resolveUnion(schema, datum)), datum);
            case RECORD: {
                GenericRecord record = (GenericRecord) datum;
                ObjectNode node = NODES.objectNode();
                for (Schema.Field field : record.getSchema().getFields()) {
                    node.set(field.name(), value(field.schema(), record.get(field.pos())));
                }
                return node;
            }
            case ARRAY: {
                ArrayNode node = NODES.arrayNode();
                for (Object item : (Collection<?>) datum) {
                    node.add(value(schema.getElementType(), item));
                }
                return node;
            }
            case MAP: {
                ObjectNode node = NODES.objectNode();
                for (Map.Entry<?, ?> entry : ((Map<?, ?>) datum).entrySet()) {
                    node.set(text(entry.getKey().toString()), value(schema.getValueType(), entry.getValue()));
                }
                return node;
            }
            case LONG:
                if (logical instanceof LogicalTypes.TimestampMillis || logical instanceof LogicalTypes.LocalTimestampMillis) {
                    return NODES.stringNode(datum instanceof Number millis
                            ? Instant.ofEpochMilli(millis.longValue()).toString() : datum.toString());
                }
                if (logical instanceof LogicalTypes.TimestampMicros || logical instanceof LogicalTypes.LocalTimestampMicros) {
                    return NODES.stringNode(datum instanceof Number micros
                            ? Instant.EPOCH.plus(micros.longValue(), ChronoUnit.MICROS).toString() : datum.toString());
                }
                return datum instanceof Number number ? NODES.numberNode(number.longValue()) : NODES.stringNode(datum.toString());
            case INT:
                if (logical instanceof LogicalTypes.Date && datum instanceof Number days) {
                    return NODES.stringNode(LocalDate.ofEpochDay(days.longValue()).toString());
                }
                return datum instanceof Number number ? NODES.numberNode(number.intValue()) : NODES.stringNode(datum.toString());
            case FLOAT:
                return NODES.numberNode(((Number) datum).floatValue());
            case DOUBLE:
                return NODES.numberNode(((Number) datum).doubleValue());
            case BOOLEAN:
                return NODES.booleanNode((Boolean) datum);
            case BYTES:
                if (datum instanceof ByteBuffer buffer) {
                    return NODES.stringNode(base64(buffer));
                }
                return NODES.stringNode(datum.toString());
            case FIXED:
                if (datum instanceof GenericFixed fixed) {
                    return NODES.stringNode(Base64.getEncoder().encodeToString(fixed.bytes()));
                }
                return NODES.stringNode(datum.toString());
            case NULL:
                return NODES.nullNode();
            case STRING:
            case ENUM:
            default:
                // Utf8, String, an enum symbol, or a value a logical-type conversion produced (UUID, Instant...)
                return NODES.stringNode(text(datum.toString()));
        }
    }

    /** PostgreSQL text and jsonb cannot hold NUL characters: they become U+FFFD. */
    static String text(String value) {
        return value.indexOf('\0') < 0 ? value : value.replace('\0', '\uFFFD');
    }

    private static String base64(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
