package io.platform.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MatchCondition;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicy;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBinding;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.Validation;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.Variable;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The ValidatingAdmissionPolicies of deploy/base/15-admission-policy.yaml, evaluated with a CEL implementation on the
 * admission requests they are meant to allow and to refuse. (The API server evaluates the same expressions with
 * Kubernetes' CEL environment; these use only standard CEL: has(), in, startsWith, the conditional operator.)
 */
class AdmissionPolicyTest {

    private static final String PROVISIONING = "system:serviceaccount:platform-system:provisioning-service";
    private static final String RBAC = "system:serviceaccount:platform-system:rbac-service";
    private static final Object NULL = com.google.protobuf.NullValue.NULL_VALUE;

    private static final CelCompiler COMPILER = CelCompilerFactory.standardCelCompilerBuilder()
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addVar("object", SimpleType.DYN)
            .addVar("oldObject", SimpleType.DYN)
            .addVar("request", SimpleType.DYN)
            .addVar("namespaceObject", SimpleType.DYN)
            .addVar("variables", SimpleType.DYN)
            .build();
    private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().build();

    private static final Map<String, Object> MANAGED_NAMESPACE = namespace("checkout", Map.of("platform.io/managed", "true"), Map.of());
    private static final Map<String, Object> KUBE_SYSTEM = namespace("kube-system", Map.of("kubernetes.io/metadata.name", "kube-system"), Map.of());

    @Test
    void everyPolicyIsBoundToDenyAndEveryExpressionCompiles() throws Exception {
        List<ValidatingAdmissionPolicy> policies = Rendered.ofType("base", ValidatingAdmissionPolicy.class);
        List<ValidatingAdmissionPolicyBinding> bindings = Rendered.ofType("base", ValidatingAdmissionPolicyBinding.class);

        assertThat(policies).hasSize(3);
        for (ValidatingAdmissionPolicy policy : policies) {
            assertThat(policy.getSpec().getFailurePolicy()).isEqualTo("Fail");
            assertThat(bindings).anySatisfy(binding -> {
                assertThat(binding.getSpec().getPolicyName()).isEqualTo(policy.getMetadata().getName());
                assertThat(binding.getSpec().getValidationActions()).containsExactly("Deny");
            });
            for (MatchCondition condition : policy.getSpec().getMatchConditions()) {
                compile(condition.getExpression());
            }
            for (Variable variable : nullSafe(policy.getSpec().getVariables())) {
                compile(variable.getExpression());
            }
            for (Validation validation : policy.getSpec().getValidations()) {
                compile(validation.getExpression());
                if (validation.getMessageExpression() != null) {
                    compile(validation.getMessageExpression());
                }
            }
        }
    }

    @Test
    void platformServiceAccountsWriteOnlyIntoManagedNamespaces() throws Exception {
        ValidatingAdmissionPolicy policy = policy("namespace-platform-managed-namespaces-only");
        Map<String, Object> quota = object("ResourceQuota", "platform-quota", Map.of());

        assertThat(admits(policy, request(PROVISIONING, "CREATE", "resourcequotas", "checkout"), quota, null, MANAGED_NAMESPACE)).isTrue();
        assertThat(admits(policy, request(PROVISIONING, "CREATE", "resourcequotas", "kube-system"), quota, null, KUBE_SYSTEM)).isFalse();
        assertThat(admits(policy, request(RBAC, "DELETE", "rolebindings", "kube-system"), null, binding("admin"), KUBE_SYSTEM)).isFalse();
        // anyone else is not this policy's business
        assertThat(admits(policy, request("kubernetes-admin", "CREATE", "resourcequotas", "kube-system"), quota, null, KUBE_SYSTEM)).isTrue();
    }

    @Test
    void rbacServiceNeverBindsClusterAdminOrSystemRoles() throws Exception {
        ValidatingAdmissionPolicy policy = policy("namespace-platform-managed-namespaces-only");

        assertThat(admits(policy, request(RBAC, "CREATE", "rolebindings", "checkout"), binding("admin"), null, MANAGED_NAMESPACE)).isTrue();
        assertThat(admits(policy, request(RBAC, "UPDATE", "rolebindings", "checkout"), binding("platform-custom-viewer"),
                binding("platform-custom-viewer"), MANAGED_NAMESPACE)).isTrue();
        assertThat(admits(policy, request(RBAC, "CREATE", "rolebindings", "checkout"), binding("cluster-admin"), null, MANAGED_NAMESPACE)).isFalse();
        assertThat(admits(policy, request(RBAC, "CREATE", "rolebindings", "checkout"), binding("system:node"), null, MANAGED_NAMESPACE)).isFalse();
        assertThat(admits(policy, request(RBAC, "DELETE", "rolebindings", "checkout"), null, binding("admin"), MANAGED_NAMESPACE)).isTrue();
    }

    @Test
    void provisioningServiceCreatesManagedNamespacesAndTouchesNoOther() throws Exception {
        ValidatingAdmissionPolicy policy = policy("namespace-platform-own-namespaces-only");
        Map<String, Object> labelRemovedByHand = namespace("checkout", Map.of(), Map.of("platform.io/request-id", "7f3a"));

        assertThat(admits(policy, request(PROVISIONING, "CREATE", "namespaces", null), MANAGED_NAMESPACE, null, null)).isTrue();
        assertThat(admits(policy, request(PROVISIONING, "CREATE", "namespaces", null), namespace("sneaky", Map.of(), Map.of()), null, null)).isFalse();
        assertThat(admits(policy, request(PROVISIONING, "UPDATE", "namespaces", null), MANAGED_NAMESPACE, MANAGED_NAMESPACE, null)).isTrue();
        assertThat(admits(policy, request(PROVISIONING, "UPDATE", "namespaces", null), MANAGED_NAMESPACE, labelRemovedByHand, null))
                .as("drift repair puts the label back").isTrue();
        assertThat(admits(policy, request(PROVISIONING, "UPDATE", "namespaces", null), KUBE_SYSTEM, KUBE_SYSTEM, null)).isFalse();
        assertThat(admits(policy, request(PROVISIONING, "DELETE", "namespaces", null), null, KUBE_SYSTEM, null)).isFalse();
        assertThat(admits(policy, request(PROVISIONING, "DELETE", "namespaces", null), null, MANAGED_NAMESPACE, null)).isTrue();
    }

    @Test
    void rbacServiceChangesOnlyItsOwnCustomClusterRoles() throws Exception {
        ValidatingAdmissionPolicy policy = policy("namespace-platform-own-cluster-roles-only");
        Map<String, Object> custom = object("ClusterRole", "platform-custom-viewer", Map.of("platform.io/managed", "true"));
        Map<String, Object> admin = object("ClusterRole", "admin", Map.of("kubernetes.io/bootstrapping", "rbac-defaults"));

        assertThat(admits(policy, request(RBAC, "CREATE", "clusterroles", null), custom, null, null)).isTrue();
        assertThat(admits(policy, request(RBAC, "DELETE", "clusterroles", null), null, custom, null)).isTrue();
        assertThat(admits(policy, request(RBAC, "UPDATE", "clusterroles", null), custom, admin, null)).as("taking over admin").isFalse();
        assertThat(admits(policy, request(RBAC, "DELETE", "clusterroles", null), null, object("ClusterRole", "cluster-admin", Map.of()), null)).isFalse();
        assertThat(admits(policy, request(RBAC, "CREATE", "clusterroles", null), object("ClusterRole", "x", Map.of()), null, null)).isFalse();
    }

    private static boolean admits(ValidatingAdmissionPolicy policy, Map<String, Object> request, Map<String, Object> object,
                                  Map<String, Object> oldObject, Map<String, Object> namespaceObject) throws Exception {
        Map<String, Object> context = new HashMap<>();
        context.put("request", request);
        context.put("object", object == null ? NULL : object);
        context.put("oldObject", oldObject == null ? NULL : oldObject);
        context.put("namespaceObject", namespaceObject == null ? NULL : namespaceObject);
        context.put("variables", Map.of());
        for (MatchCondition condition : policy.getSpec().getMatchConditions()) {
            if (!Boolean.TRUE.equals(eval(condition.getExpression(), context))) {
                return true;
            }
        }
        Map<String, Object> variables = new LinkedHashMap<>();
        for (Variable variable : nullSafe(policy.getSpec().getVariables())) {
            context.put("variables", Map.copyOf(variables));
            Object value = eval(variable.getExpression(), context);
            variables.put(variable.getName(), value);
        }
        context.put("variables", variables);
        for (Validation validation : policy.getSpec().getValidations()) {
            if (!Boolean.TRUE.equals(eval(validation.getExpression(), context))) {
                if (validation.getMessageExpression() != null) {
                    assertThat(eval(validation.getMessageExpression(), context)).isInstanceOf(String.class);
                }
                return false;
            }
        }
        return true;
    }

    private static Object eval(String expression, Map<String, Object> context) throws Exception {
        return RUNTIME.createProgram(compile(expression)).eval(context);
    }

    private static CelAbstractSyntaxTree compile(String expression) throws Exception {
        return COMPILER.compile(expression).getAst();
    }

    private static ValidatingAdmissionPolicy policy(String name) {
        return Rendered.find("base", ValidatingAdmissionPolicy.class, name).orElseThrow();
    }

    private static Map<String, Object> request(String user, String operation, String resource, String namespace) {
        Map<String, Object> request = new HashMap<>();
        request.put("userInfo", Map.of("username", user));
        request.put("operation", operation);
        request.put("resource", Map.of("resource", resource));
        request.put("namespace", namespace == null ? "" : namespace);
        request.put("name", "x");
        return request;
    }

    private static Map<String, Object> namespace(String name, Map<String, String> labels, Map<String, String> annotations) {
        Map<String, Object> metadata = new HashMap<>();
        metadata.put("name", name);
        if (!labels.isEmpty()) {
            metadata.put("labels", labels);
        }
        if (!annotations.isEmpty()) {
            metadata.put("annotations", annotations);
        }
        return Map.of("kind", "Namespace", "metadata", metadata);
    }

    private static Map<String, Object> object(String kind, String name, Map<String, String> labels) {
        Map<String, Object> metadata = new HashMap<>();
        metadata.put("name", name);
        if (!labels.isEmpty()) {
            metadata.put("labels", labels);
        }
        return Map.of("kind", kind, "metadata", metadata);
    }

    private static Map<String, Object> binding(String clusterRole) {
        return Map.of("kind", "RoleBinding", "metadata", Map.of("name", "team-payments-admin"),
                "roleRef", Map.of("apiGroup", "rbac.authorization.k8s.io", "kind", "ClusterRole", "name", clusterRole));
    }

    private static <T> List<T> nullSafe(List<T> list) {
        return list == null ? List.of() : list;
    }
}
