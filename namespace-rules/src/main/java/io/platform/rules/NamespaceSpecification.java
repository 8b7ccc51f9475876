package io.platform.rules;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.hibernate.validator.constraints.UniqueElements;

/**
 * A request for a new namespace, whichever way it arrived (REST body or an event on the request topic).
 * The constraints here are the platform's rules; {@link NamespaceRequestValidator} adds the catalog checks.
 */
public record NamespaceSpecification(
        @NotBlank(message = "is required")
        @Size(min = 3, max = 63, message = "must be 3 to 63 characters long")
        @Pattern(regexp = Patterns.DNS_LABEL, message = Patterns.DNS_LABEL_MESSAGE)
        @NotReservedNamespace
        String name,

        @NotBlank(message = "is required")
        @Size(max = 40, message = "must be at most 40 characters long")
        @Pattern(regexp = Patterns.DNS_LABEL, message = Patterns.DNS_LABEL_MESSAGE)
        String team,

        @NotBlank(message = "is required")
        @Pattern(regexp = Patterns.ENVIRONMENT, message = "must be one of development, staging, production")
        String environment,

        @NotBlank(message = "is required")
        String tier,

        @NotBlank(message = "is required")
        @Pattern(regexp = Patterns.NETWORK_POLICY, message = "must be one of isolated, team-shared, open")
        String networkPolicy,

        @NotNull(message = "is required (use [] for none)")
        @Size(max = 16, message = "must list at most 16 features")
        @UniqueElements(message = "must not repeat a feature")
        List<@NotBlank(message = "must not be blank")
             @Pattern(regexp = Patterns.DNS_LABEL, message = Patterns.DNS_LABEL_MESSAGE) String> features,

        @Size(max = 512, message = "must be at most 512 characters long")
        @Pattern(regexp = Patterns.PRINTABLE, message = "must not contain control characters")
        String description,

        @Size(max = 64, message = "must be at most 64 characters long")
        @Pattern(regexp = Patterns.COST_CENTER, message = "may contain only letters, digits, '.', '_' and '-'")
        String costCenter) {

    /** Regular expressions of the rules, shared with the update rules. */
    public static final class Patterns {
        /** RFC 1123 label as Kubernetes validates namespace names. */
        public static final String DNS_LABEL = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";
        public static final String DNS_LABEL_MESSAGE =
                "must be a DNS-1123 label: lowercase letters, digits and '-', starting and ending with a letter or digit";
        public static final String ENVIRONMENT = "^(development|staging|production)$";
        public static final String NETWORK_POLICY = "^(isolated|team-shared|open)$";
        public static final String PRINTABLE = "^[^\\p{Cntrl}\\p{Cf}]*$";
        public static final String COST_CENTER = "^[A-Za-z0-9._-]*$";

        private Patterns() {
        }
    }
}
