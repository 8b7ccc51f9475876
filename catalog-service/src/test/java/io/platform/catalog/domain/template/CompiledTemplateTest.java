package io.platform.catalog.domain.template;

import io.platform.templates.CompiledTemplate;
import io.platform.templates.ManifestTemplate;
import io.platform.templates.ParameterSchema;
import io.platform.templates.QuotaCheck;
import io.platform.templates.RenderedObject;
import io.platform.templates.ResourceUsage;
import io.platform.templates.TemplateContent;
import io.platform.templates.TemplateProblem;

import static io.platform.catalog.domain.template.BuiltinTemplates.SMALL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.platform.rules.Violation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class CompiledTemplateTest {

    private static JsonNode json(String text) {
        return ParameterSchema.parse(text);
    }

    private static TemplateContent template(String schema, String manifests) {
        return new TemplateContent("probe", "1.0.0", schema, manifests, "0", "0", "0", 0, List.of(), List.of(), false);
    }

    @Test
    void everyBuiltInTemplateCompilesAndRendersValidObjectsWithItsDefaultsAndExamples() {
        assertThat(BuiltinTemplates.all()).extracting(TemplateContent::name)
                .containsExactlyInAnyOrder("web-app", "postgresql", "redis", "cron-job");
        for (TemplateContent content : BuiltinTemplates.all()) {
            List<RenderedObject> objects = CompiledTemplate.compile(content).checkWithSample();
            assertThat(objects).as(content.name()).isNotEmpty()
                    .allSatisfy(object -> assertThat(object.name()).isEqualTo("example"));
        }
    }

    @Test
    void webAppRendersDeploymentServiceAndOnlyWhenAskedAnIngress() {
        CompiledTemplate webApp = BuiltinTemplates.compiled("web-app");

        var plain = webApp.instantiate("shop", "storefront", json("{\"image\":\"ghcr.io/acme/shop:1.2.3\"}"), SMALL);
        var exposed = webApp.instantiate("shop", "storefront", json("""
                {"image":"ghcr.io/acme/shop:1.2.3","replicas":3,"ingress":{"enabled":true,"host":"shop.example.com"},
                 "env":[{"name":"MODE","value":"production"}]}"""), SMALL);

        assertThat(plain.objectRefs()).containsExactly("Deployment/storefront", "Service/storefront");
        assertThat(plain.parameters().path("replicas").asInt()).as("default applied").isEqualTo(2);
        assertThat(exposed.objectRefs()).containsExactly("Deployment/storefront", "Service/storefront", "Ingress/storefront");
        Map<String, Object> deployment = exposed.objects().get(0).content();
        assertThat(deployment).extractingByKey("spec").extracting("replicas").isEqualTo(3);
        assertThat(exposed.manifests()).contains("host: \"shop.example.com\"", "image: \"ghcr.io/acme/shop:1.2.3\"",
                "env: [{\"name\":\"MODE\",\"value\":\"production\"}]");
        assertThat(exposed.usage().toQuantities()).containsEntry("requests.cpu", "750m").containsEntry("limits.memory", "768Mi")
                .containsEntry("pods", "3").containsEntry("services", "1");
    }

    @Test
    void badParametersAreRefusedNamingEachField() {
        CompiledTemplate webApp = BuiltinTemplates.compiled("web-app");

        assertThatThrownBy(() -> webApp.instantiate("shop", "Not_A_Name", json("""
                {"replicas":0,"cpu":"lots","ingress":{"enabled":true},"colour":"blue"}"""), SMALL))
                .isInstanceOfSatisfying(TemplateProblem.class, problem -> {
                    assertThat(problem.step()).isEqualTo("validate");
                    assertThat(problem.violations()).extracting(v -> v.field() + ":" + v.code()).containsExactlyInAnyOrder(
                            "instanceName:pattern", "parameters.image:required", "parameters.replicas:minimum",
                            "parameters.cpu:pattern", "parameters.ingress.host:required",
                            "parameters.colour:additionalProperties");
                    assertThat(problem.violations()).extracting(Violation::message).allSatisfy(m -> assertThat(m).isNotBlank());
                });
    }

    @Test
    void aParameterCanNeverChangeTheStructureOfTheManifests() {
        CompiledTemplate cron = BuiltinTemplates.compiled("cron-job");
        String hostile = "echo hi\"\n  hostNetwork: true\nkind: ClusterRole {evil: 1}";

        var instance = cron.instantiate("batch", "nightly", json("""
                {"schedule":"0 3 * * *","image":"busybox:1.36","command":["sh","-c",%s]}""".formatted(
                ParameterSchema.toJson(json("\"" + hostile.replace("\"", "\\\"").replace("\n", "\\n") + "\"")))), SMALL);

        assertThat(instance.objectRefs()).containsExactly("CronJob/nightly");
        @SuppressWarnings("unchecked")
        Map<String, Object> podSpec = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>)
                ((Map<String, Object>) instance.objects().get(0).content().get("spec")).get("jobTemplate")).get("spec"))
                .get("template")).get("spec");
        assertThat(podSpec).doesNotContainKey("hostNetwork");
        assertThat(podSpec.get("containers")).asString().contains("echo hi");
        assertThat(((List<?>) ((Map<?, ?>) ((List<?>) podSpec.get("containers")).get(0)).get("command")).get(2)).isEqualTo(hostile);
    }

    @Test
    void postgresqlRendersAStatefulSetWithAVolumeAndASecretWhosePasswordThePlatformGenerates() {
        var instance = BuiltinTemplates.compiled("postgresql").instantiate("orders", "orders-db", json("{\"storage\":\"15Gi\"}"), SMALL);

        assertThat(instance.objectRefs()).containsExactly("Secret/orders-db", "Service/orders-db", "StatefulSet/orders-db");
        RenderedObject secret = instance.objects().get(0);
        assertThat(secret.generatedKeys()).containsExactly("password");
        assertThat(secret.content()).doesNotContainKeys("data", "stringData");
        assertThat(instance.usage().toQuantities()).containsEntry("requests.storage", "15Gi")
                .containsEntry("persistentvolumeclaims", "1").containsEntry("requests.cpu", "500m");
    }

    @Test
    void usageCountsInitContainersLimitRangeDefaultsAndTheDeclaredFloor() {
        CompiledTemplate template = CompiledTemplate.compile(new TemplateContent("probe", "1.0.0",
                "{\"type\":\"object\"}", """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: {{instance}}}
                spec:
                  replicas: 2
                  template:
                    spec:
                      initContainers:
                        - {name: init, resources: {requests: {cpu: "1500m"}, limits: {cpu: "2"}}}
                      containers:
                        - name: a
                        - {name: b, resources: {limits: {cpu: "300m", memory: 100Mi}}}
                """, "0", "3Gi", "0", 0, List.of(), List.of(), false));

        ResourceUsage usage = template.instantiate("ns", "probe", json("{}"), SMALL).usage();

        // per pod: containers 100m (LimitRange default) + 300m (request = limit) = 400m < init 1500m
        assertThat(usage.toQuantities()).containsEntry("requests.cpu", "3").containsEntry("limits.cpu", "4")
                .containsEntry("requests.memory", "3Gi").containsEntry("pods", "2");
    }

    @Test
    void manifestsMayOnlyReferenceParametersAndBuiltIns() {
        assertThatThrownBy(() -> CompiledTemplate.compile(template("""
                {"type":"object","properties":{"replicas":{"type":"integer"},"items":{"type":"array","items":{"type":"object","properties":{"key":{"type":"string"}}}}}}""",
                """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: {{instance}}}
                data: {a: {{replicaz}}{{#items}}, {{key}}: {{value}}{{/items}}}
                """)))
                .isInstanceOfSatisfying(TemplateProblem.class, problem -> assertThat(problem.violations())
                        .extracting(Violation::message).containsExactly(
                                "references {{replicaz}}, which is neither a parameter of the schema nor one of " + ManifestTemplate.BUILT_INS,
                                "references {{value}}, which is neither a parameter of the schema nor one of " + ManifestTemplate.BUILT_INS));
    }

    @Test
    void templatesThatCarrySecretsReachOutsideOrCreateForbiddenObjectsAreRefused() {
        assertThatThrownBy(() -> CompiledTemplate.compile(template("""
                {"type":"object","properties":{"password":{"type":"string","writeOnly":true},"shared":{"$ref":"https://example.com/s.json"}}}""",
                "kind: x")))
                .isInstanceOfSatisfying(TemplateProblem.class, problem -> assertThat(problem.violations())
                        .extracting(v -> v.field() + ":" + v.code()).containsExactlyInAnyOrder(
                                "parameterSchema.properties.password:secret-parameter",
                                "parameterSchema.properties.shared.$ref:remote-ref"));

        assertThatThrownBy(() -> CompiledTemplate.compile(template("{\"type\":\"object\"}", """
                apiVersion: v1
                kind: Secret
                metadata: {name: {{instance}}}
                stringData: {password: hunter2}
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRoleBinding
                metadata: {name: {{instance}}}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: {{instance}}, namespace: kube-system}
                spec: {type: NodePort}
                """)).checkWithSample())
                .isInstanceOfSatisfying(TemplateProblem.class, problem -> assertThat(problem.violations())
                        .extracting(v -> v.field() + ":" + v.code()).containsExactlyInAnyOrder(
                                "manifests[0]:secret-value", "manifests[0]:secret-keys", "manifests[1]:kind-not-allowed",
                                "manifests[2].metadata.namespace:not-allowed", "manifests[2].spec.type:not-allowed"));
    }

    @Test
    void anInvalidSchemaIsRefusedWithTheMetaSchemasFindings() {
        assertThatThrownBy(() -> ParameterSchema.compile("""
                {"type":"object","properties":{"a":{"type":"strin"}},"required":"a"}"""))
                .isInstanceOfSatisfying(TemplateProblem.class, problem -> assertThat(problem.violations())
                        .extracting(Violation::field).contains("parameterSchema.properties.a.type", "parameterSchema.required"));
        assertThatThrownBy(() -> ParameterSchema.compile("[1]")).isInstanceOf(TemplateProblem.class);
        assertThatThrownBy(() -> ManifestTemplate.compile("{{#open}} never closed")).isInstanceOfSatisfying(TemplateProblem.class,
                problem -> assertThat(problem.violations()).extracting(Violation::code).containsExactly("syntax"));
    }

    @Test
    void quotaCheckNamesEveryDimensionThatDoesNotFit() {
        ResourceUsage used = BuiltinTemplates.compiled("postgresql").instantiate("ns", "db", json("{}"), SMALL).usage();
        ResourceUsage requested = BuiltinTemplates.compiled("web-app").instantiate("ns", "web",
                json("{\"image\":\"nginx\",\"replicas\":4,\"cpu\":\"500m\",\"memory\":\"1Gi\"}"), SMALL).usage();

        QuotaCheck check = QuotaCheck.of(SMALL, used, requested);

        assertThat(check.fits()).isFalse();
        assertThat(check.violations()).extracting(Violation::field).containsExactly("quota.requests.cpu", "quota.limits.cpu",
                "quota.requests.memory", "quota.limits.memory");
        assertThat(check.lines()).filteredOn(line -> line.resource().equals("requests.cpu")).singleElement()
                .satisfies(line -> assertThat(line).isEqualTo(new QuotaCheck.Line("requests.cpu", "2", "500m", "2", "-500m", false)));
    }
}
