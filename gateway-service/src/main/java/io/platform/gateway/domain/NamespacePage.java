package io.platform.gateway.domain;

import java.util.List;

/** One page of a namespace listing and how many namespaces match the filter in all. */
public record NamespacePage(List<Namespace> items, long total) {

    public NamespacePage {
        items = List.copyOf(items);
    }
}
