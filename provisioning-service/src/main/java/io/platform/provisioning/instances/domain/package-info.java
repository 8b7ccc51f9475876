/**
 * Service instances in provisioning-service: the deployment of a template version into a namespace.
 *
 * <p>The rendering rules (parameter schemas, manifests, the quota arithmetic) come from the shared
 * {@code service-templates} module ({@code io.platform.templates}), the same code catalog-service uses for dry runs
 * and its early quota check; this service renders authoritatively for what it applies.
 */
package io.platform.provisioning.instances.domain;
