package io.platform.gateway.domain;

import io.platform.rules.catalog.CatalogView;

/** The tier and feature catalog requests are validated against, and whether it has been loaded yet. */
public interface TierCatalog extends CatalogView {

    boolean isLoaded();
}
