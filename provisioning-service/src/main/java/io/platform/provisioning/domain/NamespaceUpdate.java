package io.platform.provisioning.domain;

import io.platform.rules.NamespaceChanges;
import io.platform.rules.NamespaceSpecification;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A day-2 change applied to a namespace's spec: every field the change names replaces the current value ({@code null}
 * keeps it; an empty description or cost centre clears it). {@link #changedFields()} lists the fields whose value
 * actually differs, in spec order.
 */
public record NamespaceUpdate(NamespaceSpecification spec, List<String> changedFields) {

    public NamespaceUpdate {
        Objects.requireNonNull(spec);
        changedFields = List.copyOf(changedFields);
    }

    public static NamespaceUpdate of(NamespaceSpecification current, NamespaceChanges changes) {
        String tier = changes.tier() != null ? changes.tier() : current.tier();
        String networkPolicy = changes.networkPolicy() != null ? changes.networkPolicy() : current.networkPolicy();
        List<String> features = changes.features() != null ? List.copyOf(changes.features())
                : current.features() == null ? List.of() : current.features();
        String description = changes.description() != null ? blankToNull(changes.description()) : current.description();
        String costCenter = changes.costCenter() != null ? blankToNull(changes.costCenter()) : current.costCenter();
        NamespaceSpecification next = new NamespaceSpecification(current.name(), current.team(), current.environment(),
                tier, networkPolicy, features, description, costCenter);
        List<String> changed = new ArrayList<>();
        if (!Objects.equals(tier, current.tier())) {
            changed.add("tier");
        }
        if (!Objects.equals(networkPolicy, current.networkPolicy())) {
            changed.add("networkPolicy");
        }
        if (!Objects.equals(features, current.features() == null ? List.of() : current.features())) {
            changed.add("features");
        }
        if (!Objects.equals(description, current.description())) {
            changed.add("description");
        }
        if (!Objects.equals(costCenter, current.costCenter())) {
            changed.add("costCenter");
        }
        return new NamespaceUpdate(next, changed);
    }

    private static String blankToNull(String value) {
        return value.isBlank() ? null : value;
    }
}
