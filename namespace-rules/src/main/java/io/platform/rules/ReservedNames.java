package io.platform.rules;

import java.util.List;
import java.util.Set;

/** Namespace names no team may take: the cluster's own and the platform's. */
public final class ReservedNames {

    public static final Set<String> NAMES = Set.of("default");
    public static final List<String> PREFIXES = List.of("kube-", "openshift-", "platform-");

    private ReservedNames() {
    }

    public static boolean isReserved(String name) {
        return name != null && (NAMES.contains(name) || PREFIXES.stream().anyMatch(name::startsWith));
    }
}
