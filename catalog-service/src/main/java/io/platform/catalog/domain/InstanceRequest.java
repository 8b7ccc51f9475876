package io.platform.catalog.domain;

import tools.jackson.databind.JsonNode;

/** A team's request to deploy a template version into one of its namespaces. */
public record InstanceRequest(String template, String version, String instanceName, JsonNode parameters) {
}
