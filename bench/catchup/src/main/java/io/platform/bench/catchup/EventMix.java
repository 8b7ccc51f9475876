package io.platform.bench.catchup;

import io.platform.events.Envelope;
import io.platform.events.instances.ServiceInstanceDeleted;
import io.platform.events.instances.ServiceInstanceDeployed;
import io.platform.events.namespace.NamespaceDeleted;
import io.platform.events.namespace.NamespaceProvisioned;
import io.platform.events.namespace.NamespaceReady;
import io.platform.events.namespace.NamespaceRequested;
import io.platform.events.namespace.NamespaceSpec;
import io.platform.events.namespace.NamespaceUpdateRequested;
import io.platform.events.namespace.NamespaceUpdated;
import io.platform.events.namespace.PoliciesApplied;
import io.platform.events.namespace.RbacApplied;
import io.platform.events.rbac.RoleAssigned;
import io.platform.schemas.EventEnvelopes;
import io.platform.schemas.topic.TopicSpec;
import io.platform.schemas.topic.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BiConsumer;
import org.apache.avro.specific.SpecificRecord;

/**
 * The benchmark's events: ten per namespace, the lifecycle the platform's services publish (request, provisioning
 * steps, ready, a service instance, a role assignment, a tier change, the instance removed, then deletion or a further
 * update request), spread over the request, lifecycle, service-instance and RBAC topics.
 */
final class EventMix {

    static final int EVENTS_PER_NAMESPACE = 10;

    private EventMix() {
    }

    static void namespace(int index, Instant start, BiConsumer<TopicSpec<?>, Object[]> out) {
        String name = "bench-" + index;
        String team = "team-" + (index % 20);
        String request = "bench-req-" + index;
        Instant t = start.plus(Duration.ofSeconds(index));
        NamespaceSpec small = spec(name, team, "small");
        NamespaceSpec medium = spec(name, team, "medium");
        emit(out, Topics.NAMESPACE_REQUESTS, name, NamespaceRequested.newBuilder()
                .setEnvelope(EventEnvelopes.create(request, "team-" + team, "gateway-service", t)).setSpec(small).build());
        emit(out, Topics.NAMESPACE_EVENTS, name, NamespaceProvisioned.newBuilder()
                .setEnvelope(step(request, "provisioned", t.plusSeconds(1))).setSpec(small).setObjects(List.of("Namespace/" + name)).build());
        emit(out, Topics.NAMESPACE_EVENTS, name, PoliciesApplied.newBuilder()
                .setEnvelope(step(request, "policies", t.plusSeconds(2))).setName(name).setNetworkPolicy("isolated")
                .setPodSecurityLevel("restricted").build());
        emit(out, Topics.NAMESPACE_EVENTS, name, RbacApplied.newBuilder()
                .setEnvelope(step(request, "rbac", t.plusSeconds(3))).setName(name).setTeam(team).setSubjectGroup("team-" + team)
                .setClusterRole("edit").setRoleBinding(name + "-team").build());
        emit(out, Topics.NAMESPACE_EVENTS, name, NamespaceReady.newBuilder()
                .setEnvelope(step(request, "ready", t.plusSeconds(4))).setSpec(small).build());
        emit(out, Topics.SERVICE_INSTANCES, name, ServiceInstanceDeployed.newBuilder()
                .setEnvelope(step(request + "-db", "deployed", t.plusSeconds(3600))).setNamespace(name).setInstanceName("db")
                .setTemplate("postgres").setVersion("1.0.0").setObjects(List.of("StatefulSet/db")).setMonthlyCostCents(3_000).build());
        emit(out, Topics.RBAC_EVENTS, name, RoleAssigned.newBuilder()
                .setEnvelope(step(request + "-role", "assigned", t.plusSeconds(3700))).setAssignmentId("a-" + index)
                .setNamespace(name).setRoleName("viewer").setRoleKind("ClusterRole").setSubjectKind("Group")
                .setSubjectName("auditors").setRoleBinding(name + "-viewer").build());
        emit(out, Topics.NAMESPACE_EVENTS, name, NamespaceUpdated.newBuilder()
                .setEnvelope(step(request + "-upd", "updated", t.plus(Duration.ofDays(1)))).setSpec(medium)
                .setChangedFields(List.of("tier")).build());
        emit(out, Topics.SERVICE_INSTANCES, name, ServiceInstanceDeleted.newBuilder()
                .setEnvelope(step(request + "-db-del", "deleted", t.plus(Duration.ofDays(2)))).setNamespace(name)
                .setInstanceName("db").build());
        if (index % 2 == 0) {
            emit(out, Topics.NAMESPACE_EVENTS, name, NamespaceDeleted.newBuilder()
                    .setEnvelope(step(request + "-del", "deleted", t.plus(Duration.ofDays(3)))).setName(name).setTeam(team).build());
        } else {
            emit(out, Topics.NAMESPACE_REQUESTS, name, NamespaceUpdateRequested.newBuilder()
                    .setEnvelope(step(request + "-upd2", "requested", t.plus(Duration.ofDays(3)))).setName(name)
                    .setCostCenter("cc-" + (index % 7)).build());
        }
    }

    private static void emit(BiConsumer<TopicSpec<?>, Object[]> out, TopicSpec<?> topic, String key, SpecificRecord event) {
        out.accept(topic, new Object[] {key, event});
    }

    private static Envelope step(String request, String step, Instant at) {
        return EventEnvelopes.derived(request, step, "system", "provisioning-service", at);
    }

    private static NamespaceSpec spec(String name, String team, String tier) {
        return NamespaceSpec.newBuilder().setName(name).setTeam(team).setEnvironment(name.hashCode() % 2 == 0 ? "production" : "staging")
                .setTier(tier).setNetworkPolicy("isolated").setFeatures(List.of("monitoring")).setCostCenter("cc-1").build();
    }
}
