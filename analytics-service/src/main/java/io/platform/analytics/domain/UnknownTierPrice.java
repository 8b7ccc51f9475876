package io.platform.analytics.domain;

/**
 * The catalog has no price for a tier (yet): transient while the catalog replica loads; retried, then dead-lettered.
 */
public class UnknownTierPrice extends RuntimeException {

    public UnknownTierPrice(String tier, String namespace) {
        super("no price for tier '" + tier + "' of namespace " + namespace + " in the catalog");
    }
}
