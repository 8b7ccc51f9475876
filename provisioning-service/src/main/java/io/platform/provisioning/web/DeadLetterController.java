package io.platform.provisioning.web;

import io.platform.common.web.FieldError;
import io.platform.common.web.ProblemException;
import io.platform.common.web.ProblemTypes;
import io.platform.common.web.ValidationProblem;
import io.platform.provisioning.messaging.DeadLetterRedrive;
import io.platform.schemas.topic.TopicSpec;
import io.platform.schemas.topic.Topics;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/admin/dlt/{topic}/redrive[?limit=n]} (role {@code admin}; the gateway routes it here):
 * re-publishes the records of {@code <topic>-dlt} to {@code <topic>}, raw bytes and headers as they are, and reports
 * how many. Only topics of the topic catalog: a malformed name (or a dead-letter topic's own name) is a 400 problem,
 * a well-formed name that is not in the catalog a 404, a refusal of the broker (this service's Kafka user may not read
 * the dead letters or write the topic) a 502.
 */
@RestController
public class DeadLetterController {

    static final URI REDRIVE_FAILED = URI.create(ProblemTypes.BASE + "redrive-failed");

    private static final Pattern TOPIC = Pattern.compile("^[a-zA-Z0-9._-]{1,249}$");

    private final DeadLetterRedrive redrive;

    public DeadLetterController(DeadLetterRedrive redrive) {
        this.redrive = redrive;
    }

    @PostMapping("/api/v1/admin/dlt/{topic}/redrive")
    @PreAuthorize("hasAuthority('admin')")
    public RedriveResult redrive(@PathVariable String topic, @RequestParam(required = false) String limit) {
        List<FieldError> errors = new ArrayList<>();
        if (!TOPIC.matcher(topic).matches()) {
            errors.add(new FieldError("topic", "pattern",
                    "must be a Kafka topic name: letters, digits, '.', '_' and '-', at most 249 characters"));
        } else if (topic.endsWith("-dlt")) {
            errors.add(new FieldError("topic", "dead-letter-topic",
                    "name the topic whose dead letters to redrive, not its dead-letter topic (drop the -dlt suffix)"));
        }
        Integer max = null;
        if (limit != null) {
            try {
                max = Integer.valueOf(limit);
            } catch (NumberFormatException e) {
                max = -1;
            }
            if (max < 1 || max > 100_000) {
                errors.add(new FieldError("limit", "size", "must be a whole number from 1 to 100000"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationProblem(errors, true);
        }
        TopicSpec<? extends SpecificRecord> spec = Topics.byName(topic).orElseThrow(() -> ProblemException.notFound(
                "topic " + topic + " in the topic catalog (known: "
                        + String.join(", ", Topics.ALL.stream().map(TopicSpec::name).toList()) + ")"));
        try {
            DeadLetterRedrive.Result result = redrive.redrive(spec, max);
            return new RedriveResult(result.topic(), result.deadLetterTopic(), result.redriven(), result.partitions());
        } catch (DeadLetterRedrive.RedriveBusyException busy) {
            throw ProblemException.conflict(busy.getMessage());
        } catch (DeadLetterRedrive.RedriveFailedException failed) {
            throw new ProblemException(HttpStatus.BAD_GATEWAY, REDRIVE_FAILED, "Redrive failed", failed.getMessage());
        }
    }

    /** The answer: how many dead letters went back, per dead-letter partition. */
    public record RedriveResult(String topic, String deadLetterTopic, int redriven, Map<Integer, Integer> partitions) {
    }
}
