package io.platform.rules;

import io.platform.rules.catalog.CatalogView;
import io.platform.rules.catalog.FeatureInfo;
import io.platform.rules.catalog.TierInfo;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/**
 * The platform's namespace request rules: Bean Validation constraints on the request, then the catalog checks
 * (tier and features must exist). Used by gateway-service for REST requests and by provisioning-service for every
 * request on the request topic, so both refuse exactly the same things.
 */
public final class NamespaceRequestValidator {

    private static final Map<String, String> CODES = Map.of(
            "NotBlank", "required",
            "NotNull", "required",
            "Size", "size",
            "Pattern", "pattern",
            "UniqueElements", "duplicate",
            "NotReservedNamespace", "reserved");

    private final Validator validator;

    public NamespaceRequestValidator(Validator validator) {
        this.validator = validator;
    }

    /** A validator that needs no expression-language implementation on the class path. */
    public static NamespaceRequestValidator standalone() {
        Validator validator = Validation.byDefaultProvider().configure()
                .messageInterpolator(new ParameterMessageInterpolator())
                .buildValidatorFactory().getValidator();
        return new NamespaceRequestValidator(validator);
    }

    public List<Violation> validateCreate(NamespaceSpecification spec, CatalogView catalog) {
        List<Violation> violations = new ArrayList<>(constraintViolations(spec));
        if (!hasField(violations, "tier")) {
            checkTier(spec.tier(), catalog, violations);
        }
        if (spec.features() != null) {
            checkFeatures(spec.features(), catalog, violations);
        }
        return sorted(violations);
    }

    public List<Violation> validateUpdate(NamespaceChanges changes, CatalogView catalog) {
        List<Violation> violations = new ArrayList<>(constraintViolations(changes));
        if (changes.isEmpty()) {
            violations.add(new Violation("", "empty-change",
                    "name at least one of tier, networkPolicy, features, description, costCenter"));
        }
        if (changes.tier() != null) {
            checkTier(changes.tier(), catalog, violations);
        }
        if (changes.features() != null) {
            checkFeatures(changes.features(), catalog, violations);
        }
        return sorted(violations);
    }

    private <T> List<Violation> constraintViolations(T value) {
        Set<ConstraintViolation<T>> found = validator.validate(value);
        return found.stream().map(NamespaceRequestValidator::toViolation).toList();
    }

    private static void checkTier(String tier, CatalogView catalog, List<Violation> violations) {
        if (tier != null && catalog.tier(tier).isEmpty()) {
            violations.add(new Violation("tier", "unknown-tier", "'" + tier + "' is not a tier of the catalog; known tiers: "
                    + catalog.tiers().stream().map(TierInfo::name).sorted().collect(Collectors.joining(", "))));
        }
    }

    private static void checkFeatures(List<String> features, CatalogView catalog, List<Violation> violations) {
        for (int i = 0; i < features.size(); i++) {
            String feature = features.get(i);
            if (feature != null && !feature.isBlank() && catalog.feature(feature).isEmpty()
                    && !hasField(violations, "features[" + i + "]")) {
                violations.add(new Violation("features[" + i + "]", "unknown-feature", "'" + feature
                        + "' is not a feature of the catalog; known features: "
                        + catalog.features().stream().map(FeatureInfo::name).sorted().collect(Collectors.joining(", "))));
            }
        }
    }

    private static boolean hasField(List<Violation> violations, String field) {
        return violations.stream().anyMatch(v -> v.field().equals(field));
    }

    private static List<Violation> sorted(List<Violation> violations) {
        return violations.stream()
                .sorted(Comparator.comparing(Violation::field).thenComparing(Violation::code))
                .toList();
    }

    private static Violation toViolation(ConstraintViolation<?> violation) {
        String annotation = violation.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName();
        return new Violation(fieldOf(violation.getPropertyPath()), CODES.getOrDefault(annotation, annotation),
                violation.getMessage());
    }

    /** {@code features[1].<list element>} becomes {@code features[1]}. */
    private static String fieldOf(Path path) {
        StringBuilder field = new StringBuilder();
        for (Path.Node node : path) {
            if (node.getIndex() != null && field.length() > 0) {
                field.append('[').append(node.getIndex()).append(']');
            } else if (node.getName() != null && !node.getName().startsWith("<")) {
                if (field.length() > 0) {
                    field.append('.');
                }
                field.append(node.getName());
            }
        }
        return field.toString();
    }
}
