package io.platform.provisioning.instances.domain;

import io.platform.templates.RenderedObject;
import io.platform.templates.TemplateContent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.platform.provisioning.instances.BuiltinTemplateFiles;
import io.platform.rules.catalog.TierInfo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class InstanceDeployerTest {

    private static final TierInfo SMALL = new TierInfo("small", "", "2", "4Gi", "20Gi", 10, 5, 10, 10000, "100m", "1", "256Mi", "1Gi");

    private final InMemoryInstanceStore store = new InMemoryInstanceStore();
    private final FakeCluster cluster = new FakeCluster();
    private final List<String> published = new ArrayList<>();
    private final Map<String, TemplateContent> templates = new LinkedHashMap<>();
    private final InstanceDeployer deployer = new InstanceDeployer(store, cluster, new InstanceOutcomes() {
        @Override
        public void deployed(InstanceRecord instance) {
            published.add("deployed " + instance.instanceName() + " " + instance.objectRefs());
        }

        @Override
        public void failed(InstanceRecord instance, String requestId) {
            published.add("failed " + instance.instanceName() + " " + instance.failureStep() + ": " + instance.failureReason());
        }

        @Override
        public void deleted(InstanceRecord instance, String requestId, String step) {
            published.add("deleted " + instance.instanceName() + " (" + step + ")");
        }
    }, new TemplateSource() {
        @Override
        public boolean loaded() {
            return true;
        }

        @Override
        public Optional<TemplateContent> template(String name, String version) {
            return Optional.ofNullable(templates.get(name + "@" + version));
        }

        @Override
        public Optional<TierInfo> tier(String name) {
            return "small".equals(name) ? Optional.of(SMALL) : Optional.empty();
        }
    }, Clock.fixed(Instant.parse("2026-06-01T10:00:00Z"), ZoneOffset.UTC),
            new InstanceDeployer.Retry(3, Duration.ofMillis(1), duration -> { }));

    InstanceDeployerTest() {
        BuiltinTemplateFiles.names().forEach(name -> templates.put(name + "@1.0.0", BuiltinTemplateFiles.content(name)));
        store.saveNamespace(new InstanceNamespace("shop", "payments", "production", "small", true), Instant.EPOCH);
    }

    private InstanceDeployer.Requested request(String name, String template, String parameters) {
        return new InstanceDeployer.Requested(UUID.randomUUID().toString(), UUID.randomUUID().toString(), "shop", name,
                template, "1.0.0", parameters, "team-payments", Instant.parse("2026-06-01T09:59:00Z"));
    }

    @Test
    void deploysTheRenderedObjectsAndAnnouncesThem() {
        deployer.onRequested(request("cache", "redis", "{}"));

        assertThat(cluster.objects).containsOnlyKeys("Secret/cache", "Service/cache", "Deployment/cache");
        assertThat(published).containsExactly("deployed cache [Secret/cache, Service/cache, Deployment/cache]");
        assertThat(store.live("shop", "cache")).hasValueSatisfying(r -> {
            assertThat(r.state()).isEqualTo(InstanceState.DEPLOYED);
            assertThat(r.announced()).isTrue();
            assertThat(r.parameters()).contains("\"maxMemory\":\"200mb\"");
        });
    }

    @Test
    void anInstanceThatDoesNotFitTheTierQuotaFailsAndNothingIsApplied() {
        deployer.onRequested(request("db", "postgresql", "{\"cpu\":\"1500m\"}"));
        deployer.onRequested(request("web", "web-app", "{\"image\":\"nginx\",\"cpu\":\"500m\"}"));

        assertThat(published).hasSize(2);
        assertThat(published.get(1)).startsWith("failed web quota: ").contains("requests.cpu", "tier 'small' allows 2");
        assertThat(cluster.objects).doesNotContainKeys("Deployment/web", "Service/web");
    }

    @Test
    void badParametersFromAnyProducerFailValidationNamingTheFields() {
        deployer.onRequested(request("nightly", "cron-job", "{\"schedule\":\"sometimes\",\"image\":\"busybox\"}"));

        assertThat(published).singleElement().asString().startsWith("failed nightly validate: ")
                .contains("parameters.schedule", "parameters.command");
        assertThat(cluster.objects).isEmpty();
    }

    @Test
    void aRefusedWriteIsCompensatedSoNothingIsLeftHalfApplied() {
        cluster.refuse = "Deployment/db";

        deployer.onRequested(request("db", "redis", "{}"));

        assertThat(cluster.objects).as("the Secret and Service written before the refusal are removed again").isEmpty();
        assertThat(published).singleElement().asString().startsWith("failed db apply: ").contains("HTTP 403");
        assertThat(store.live("shop", "db")).isEmpty();
    }

    @Test
    void transientErrorsAreRetriedWithinTheDelivery() {
        cluster.transientFailures = 2;

        deployer.onRequested(request("cache", "redis", "{}"));

        assertThat(published).singleElement().asString().startsWith("deployed cache");
    }

    @Test
    void aRedeliveredRequestCreatesNothingTwiceAndRepeatsTheOutcome() {
        InstanceDeployer.Requested request = request("cache", "redis", "{}");
        deployer.onRequested(request);
        InstanceDeployer.Requested redelivered = new InstanceDeployer.Requested(UUID.randomUUID().toString(), request.requestId(),
                "shop", "cache", "redis", "1.0.0", "{}", "team-payments", request.occurredAt());

        deployer.onRequested(request);
        deployer.onRequested(redelivered);

        assertThat(cluster.writes).isEqualTo(3);
        assertThat(published).hasSize(2).allSatisfy(p -> assertThat(p).startsWith("deployed cache"));
    }

    @Test
    void aRequestForANamespaceNotReadyYetWaitsAndGoesAheadOnceItIs() {
        InstanceDeployer.Requested request = new InstanceDeployer.Requested(UUID.randomUUID().toString(),
                UUID.randomUUID().toString(), "later", "cache", "redis", "1.0.0", "{}", "team-payments", Instant.now());

        deployer.onRequested(request);
        assertThat(published).isEmpty();
        assertThat(store.byRequest(request.requestId())).hasValueSatisfying(r -> assertThat(r.state()).isEqualTo(InstanceState.WAITING));

        deployer.onNamespaceReady("ready-1", new InstanceNamespace("later", "payments", "development", "small", true), Instant.now());

        assertThat(published).singleElement().asString().startsWith("deployed cache");
    }

    @Test
    void aWaitingRequestFailsWhenTheNamespaceNeverBecomesReady() {
        deployer.onRequested(new InstanceDeployer.Requested(UUID.randomUUID().toString(), UUID.randomUUID().toString(), "never",
                "cache", "redis", "1.0.0", "{}", "team-payments", Instant.parse("2026-06-01T09:00:00Z")));

        assertThat(deployer.expireWaiting(Duration.ofMinutes(2))).isEqualTo(1);
        assertThat(published).singleElement().asString().startsWith("failed cache validate: namespace never did not become READY");
    }

    @Test
    void deletionRemovesExactlyTheObjectsOfTheInstance() {
        deployer.onRequested(request("a", "redis", "{}"));
        deployer.onRequested(request("b", "web-app", "{\"image\":\"nginx\",\"replicas\":1}"));

        deployer.onDeletionRequested("e-1", "del-1", "shop", "a", "team-payments");

        assertThat(cluster.objects).containsOnlyKeys("Deployment/b", "Service/b");
        assertThat(published).last().isEqualTo("deleted a (deleted)");
        assertThat(store.byDeletionRequest("del-1")).hasValueSatisfying(r -> assertThat(r.state()).isEqualTo(InstanceState.DELETED));
        assertThat(store.live("shop", "a")).isEmpty();
    }

    @Test
    void aDeprecatedVersionStillDeploysForProvisioningWhichOnlyCarriesOutWhatTheCatalogAccepted() {
        TemplateContent redis = templates.get("redis@1.0.0");
        templates.put("redis@1.0.0", new TemplateContent(redis.name(), redis.version(), redis.parameterSchema(), redis.manifests(),
                redis.cpu(), redis.memory(), redis.storage(), redis.monthlyCostCents(), redis.environments(), redis.tiers(), true));

        deployer.onRequested(request("cache", "redis", "{}"));

        assertThat(published).singleElement().asString().startsWith("deployed cache");
    }

    @Test
    void anInstanceNameIsHeldByOneLiveInstance() {
        deployer.onRequested(request("cache", "redis", "{}"));
        deployer.onRequested(request("cache", "redis", "{}"));

        assertThat(published).last().asString().startsWith("failed cache validate: namespace shop already runs an instance named 'cache'");
    }

    @Test
    void anUnknownTemplateFailsValidation() {
        deployer.onRequested(request("x", "no-such-template", "{}"));

        assertThat(published).singleElement().asString().isEqualTo("failed x validate: the catalog has no template no-such-template@1.0.0");
    }

    @Test
    void theOutcomeIsRepublishedWhenItsPublishFailed() {
        InstanceDeployer failing = new InstanceDeployer(store, cluster, new InstanceOutcomes() {
            @Override
            public void deployed(InstanceRecord instance) {
                throw new IllegalStateException("broker down");
            }

            @Override
            public void failed(InstanceRecord instance, String requestId) {
            }

            @Override
            public void deleted(InstanceRecord instance, String requestId, String step) {
            }
        }, new TemplateSource() {
            @Override
            public boolean loaded() {
                return true;
            }

            @Override
            public Optional<TemplateContent> template(String name, String version) {
                return Optional.ofNullable(templates.get(name + "@" + version));
            }

            @Override
            public Optional<TierInfo> tier(String name) {
                return Optional.of(SMALL);
            }
        }, Clock.fixed(Instant.parse("2026-06-01T10:00:00Z"), ZoneOffset.UTC), new InstanceDeployer.Retry(1, Duration.ZERO, d -> { }));

        assertThatThrownBy(() -> failing.onRequested(request("cache", "redis", "{}"))).hasMessage("broker down");
        assertThat(store.live("shop", "cache")).hasValueSatisfying(r -> assertThat(r.announced()).isFalse());

        assertThat(deployer.announcePending(Duration.ofSeconds(-1))).isEqualTo(1);
        assertThat(published).singleElement().asString().startsWith("deployed cache");
    }

    /** A cluster as a map of Kind/name, that can refuse one object or fail transiently a number of times. */
    static final class FakeCluster implements InstanceCluster {
        final Map<String, String> objects = new LinkedHashMap<>();
        String refuse;
        int transientFailures;
        int writes;

        @Override
        public void apply(String namespace, InstanceLabels labels, List<RenderedObject> rendered) {
            for (RenderedObject object : rendered) {
                if (transientFailures > 0) {
                    transientFailures--;
                    throw new InstanceClusterException(false, "HTTP 503 unavailable", null);
                }
                if (object.ref().equals(refuse)) {
                    throw new InstanceClusterException(true, "writing " + object.ref() + " was refused: HTTP 403 forbidden", null);
                }
                String owner = objects.get(object.ref());
                if (owner != null && !owner.equals(labels.instanceName())) {
                    throw new InstanceClusterException(true, object.ref() + " belongs to " + owner, null);
                }
                objects.put(object.ref(), labels.instanceName());
                writes++;
            }
        }

        @Override
        public void remove(String namespace, String instanceName, List<ObjectRef> refs) {
            refs.forEach(ref -> objects.remove(ref.ref(), instanceName));
        }
    }
}
