package io.platform.provisioning.domain;

import java.util.Objects;

/** Where ingress to a namespace's pods may come from. */
public sealed interface IngressSource {

    /** Every pod of the namespace itself. */
    record SameNamespace() implements IngressSource {
    }

    /** Every pod of every namespace carrying the label. */
    record NamespacesLabelled(String key, String value) implements IngressSource {
        public NamespacesLabelled {
            Objects.requireNonNull(key);
            Objects.requireNonNull(value);
        }
    }
}
