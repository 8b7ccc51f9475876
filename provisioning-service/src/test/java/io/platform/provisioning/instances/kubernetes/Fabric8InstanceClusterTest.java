package io.platform.provisioning.instances.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.platform.provisioning.instances.BuiltinTemplateFiles;
import io.platform.templates.CompiledTemplate;
import io.platform.provisioning.instances.domain.InstanceCluster.InstanceLabels;
import io.platform.provisioning.instances.domain.InstanceClusterException;
import io.platform.provisioning.instances.domain.ObjectRef;
import io.platform.templates.ParameterSchema;
import io.platform.templates.RenderedObject;
import io.platform.templates.TierQuota;
import io.platform.rules.catalog.TierInfo;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class Fabric8InstanceClusterTest {

    private static final CrudApiServer SERVER = CrudApiServer.start();
    private static final TierQuota SMALL = TierQuota.of(new TierInfo("small", "", "2", "4Gi", "20Gi", 10, 5, 10, 10000,
            "100m", "1", "256Mi", "1Gi"));

    private final KubernetesClient kubernetes = SERVER.client();
    private final Fabric8InstanceCluster cluster = new Fabric8InstanceCluster(kubernetes);

    @AfterAll
    static void stop() {
        SERVER.close();
    }

    private static List<RenderedObject> render(String template, String instance, String parameters) {
        return CompiledTemplate.compile(BuiltinTemplateFiles.content(template))
                .instantiate("apps", instance, ParameterSchema.parse(parameters), SMALL).objects();
    }

    private static InstanceLabels labels(String instance, String template) {
        return new InstanceLabels(instance, template, "1.0.0", "req-" + instance);
    }

    @Test
    void writesEveryObjectLabelledWithTheInstanceOnItAndOnItsPods() {
        cluster.apply("apps", labels("shop", "web-app"), render("web-app", "shop", "{\"image\":\"nginx\"}"));

        Deployment deployment = kubernetes.apps().deployments().inNamespace("apps").withName("shop").get();
        assertThat(deployment.getMetadata().getLabels()).contains(entry("platform.io/instance", "shop"),
                entry("platform.io/template", "web-app"), entry("platform.io/template-version", "1.0.0"),
                entry("platform.io/managed", "true"), entry("app.kubernetes.io/managed-by", "namespace-platform"));
        assertThat(deployment.getMetadata().getAnnotations()).containsEntry("platform.io/request-id", "req-shop");
        assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels()).contains(entry("platform.io/instance", "shop"),
                entry("app.kubernetes.io/instance", "shop"));
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
        assertThat(kubernetes.services().inNamespace("apps").withName("shop").get()).isNotNull();
    }

    @Test
    void aSecretIsGeneratedOnceAndKeepsItsValueWhenTheInstanceIsAppliedAgain() {
        List<RenderedObject> objects = render("postgresql", "orders", "{}");

        cluster.apply("apps", labels("orders", "postgresql"), objects);
        Secret first = kubernetes.secrets().inNamespace("apps").withName("orders").get();
        cluster.apply("apps", labels("orders", "postgresql"), objects);
        Secret second = kubernetes.secrets().inNamespace("apps").withName("orders").get();

        String password = new String(Base64.getDecoder().decode(first.getData().get("password")), StandardCharsets.US_ASCII);
        assertThat(password).hasSize(32).matches("[A-Za-z0-9]+");
        assertThat(second.getData()).isEqualTo(first.getData());
        assertThat(first.getMetadata().getLabels()).containsEntry("platform.io/instance", "orders");
    }

    @Test
    void anObjectOfTheSameNameThatBelongsToSomethingElseIsNeverTakenOver() {
        kubernetes.configMaps().inNamespace("apps").resource(new ConfigMapBuilder().withNewMetadata().withName("legacy")
                .endMetadata().addToData("k", "v").build()).create();
        kubernetes.services().inNamespace("apps").resource(new io.fabric8.kubernetes.api.model.ServiceBuilder()
                .withNewMetadata().withName("legacy").endMetadata().withNewSpec().endSpec().build()).create();

        assertThatThrownBy(() -> cluster.apply("apps", labels("legacy", "web-app"), render("web-app", "legacy", "{\"image\":\"nginx\"}")))
                .isInstanceOfSatisfying(InstanceClusterException.class, e -> {
                    assertThat(e.permanent()).isTrue();
                    assertThat(e.getMessage()).contains("Service/legacy", "never taken over");
                });
    }

    @Test
    void removingAnInstanceDeletesOnlyObjectsCarryingItsLabel() {
        cluster.apply("apps", labels("cache", "redis"), render("redis", "cache", "{}"));
        kubernetes.configMaps().inNamespace("apps").resource(new ConfigMapBuilder().withNewMetadata().withName("cache")
                .endMetadata().build()).create();

        cluster.remove("apps", "cache", List.of(new ObjectRef("v1", "Secret", "cache"), new ObjectRef("v1", "Service", "cache"),
                new ObjectRef("apps/v1", "Deployment", "cache"), new ObjectRef("v1", "ConfigMap", "cache"),
                new ObjectRef("batch/v1", "CronJob", "never-created")));

        assertThat(kubernetes.secrets().inNamespace("apps").withName("cache").get()).isNull();
        assertThat(kubernetes.apps().deployments().inNamespace("apps").withName("cache").get()).isNull();
        assertThat(kubernetes.configMaps().inNamespace("apps").withName("cache").get()).as("not the instance's").isNotNull();
    }
}
