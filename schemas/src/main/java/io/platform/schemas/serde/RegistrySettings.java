package io.platform.schemas.serde;

import java.util.Objects;

/**
 * How clients reach the schema registry.
 *
 * @param url          Apicurio Registry core API base, e.g. {@code http://localhost:8081/apis/registry/v2}
 * @param autoRegister whether producers may register schemas themselves; off outside tests: schemas are
 *                     registered by the deliberate {@code SchemaRegistrar} step
 */
public record RegistrySettings(String url, boolean autoRegister) {

    public RegistrySettings {
        Objects.requireNonNull(url, "registry url");
        if (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
    }

    /** Settings from the registry's root URL (scheme://host:port), with the core API path appended. */
    public static RegistrySettings forRoot(String rootUrl) {
        String root = rootUrl.endsWith("/") ? rootUrl.substring(0, rootUrl.length() - 1) : rootUrl;
        return new RegistrySettings(root + "/apis/registry/v2", false);
    }

    /** The registry's Confluent-compatible API, which BI tools and the registration step use. */
    public String confluentApiUrl() {
        return rootUrl() + "/apis/ccompat/v7";
    }

    public String rootUrl() {
        int api = url.indexOf("/apis/");
        return api < 0 ? url : url.substring(0, api);
    }
}
