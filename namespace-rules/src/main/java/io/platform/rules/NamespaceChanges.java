package io.platform.rules;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.hibernate.validator.constraints.UniqueElements;

/** A day-2 change of a namespace: a {@code null} field stays as it is. */
public record NamespaceChanges(
        String tier,

        @Pattern(regexp = NamespaceSpecification.Patterns.NETWORK_POLICY, message = "must be one of isolated, team-shared, open")
        String networkPolicy,

        @Size(max = 16, message = "must list at most 16 features")
        @UniqueElements(message = "must not repeat a feature")
        List<@Pattern(regexp = NamespaceSpecification.Patterns.DNS_LABEL,
                message = NamespaceSpecification.Patterns.DNS_LABEL_MESSAGE) String> features,

        @Size(max = 512, message = "must be at most 512 characters long")
        @Pattern(regexp = NamespaceSpecification.Patterns.PRINTABLE, message = "must not contain control characters")
        String description,

        @Size(max = 64, message = "must be at most 64 characters long")
        @Pattern(regexp = NamespaceSpecification.Patterns.COST_CENTER, message = "may contain only letters, digits, '.', '_' and '-'")
        String costCenter) {

    public boolean isEmpty() {
        return tier == null && networkPolicy == null && features == null && description == null && costCenter == null;
    }
}
