package io.platform.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KubernetesRequestTest {

    @ParameterizedTest(name = "{0} {1} -> {2} {3}/{4} ns={5} name={6}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            // core group, collections and single objects
            "GET    | /api/v1/namespaces                                        | list             | ''                        | namespaces        | -       | -",
            "GET    | /api/v1/namespaces?labelSelector=platform.io%2Fmanaged%3Dtrue | list         | ''                        | namespaces        | -       | -",
            "GET    | /api/v1/namespaces?watch=true&resourceVersion=12          | watch            | ''                        | namespaces        | -       | -",
            "GET    | /api/v1/namespaces?watch=1                                | watch            | ''                        | namespaces        | -       | -",
            "GET    | /api/v1/namespaces?watch=false                            | list             | ''                        | namespaces        | -       | -",
            "POST   | /api/v1/namespaces                                        | create           | ''                        | namespaces        | -       | -",
            // the namespace of a namespace request is its own name
            "GET    | /api/v1/namespaces/checkout                               | get              | ''                        | namespaces        | checkout | checkout",
            "PATCH  | /api/v1/namespaces/checkout                               | patch            | ''                        | namespaces        | checkout | checkout",
            "PUT    | /api/v1/namespaces/checkout                               | update           | ''                        | namespaces        | checkout | checkout",
            "DELETE | /api/v1/namespaces/checkout                               | delete           | ''                        | namespaces        | checkout | checkout",
            "PUT    | /api/v1/namespaces/checkout/finalize                      | update           | ''                        | namespaces/finalize | checkout | checkout",
            "GET    | /api/v1/namespaces/checkout/status                        | get              | ''                        | namespaces/status | checkout | checkout",
            // namespaced resources
            "GET    | /api/v1/namespaces/checkout/resourcequotas                | list             | ''                        | resourcequotas    | checkout | -",
            "POST   | /api/v1/namespaces/checkout/resourcequotas                | create           | ''                        | resourcequotas    | checkout | -",
            "PUT    | /api/v1/namespaces/checkout/resourcequotas/platform-quota | update           | ''                        | resourcequotas    | checkout | platform-quota",
            "DELETE | /api/v1/namespaces/checkout/limitranges                   | deletecollection | ''                        | limitranges       | checkout | -",
            "GET    | /api/v1/namespaces/checkout/pods/web-0/log                | get              | ''                        | pods/log          | checkout | web-0",
            "PUT    | /apis/apps/v1/namespaces/checkout/deployments/web/scale   | update           | apps                      | deployments/scale | checkout | web",
            // named groups, cluster-wide lists and watches across namespaces
            "GET    | /apis/networking.k8s.io/v1/networkpolicies?labelSelector=a%3Db&watch=true | watch | networking.k8s.io | networkpolicies | -    | -",
            "GET    | /api/v1/resourcequotas?labelSelector=platform.io%2Fmanaged%3Dtrue | list     | ''                        | resourcequotas    | -       | -",
            "GET    | /apis/rbac.authorization.k8s.io/v1/clusterroles/admin     | get              | rbac.authorization.k8s.io | clusterroles      | -       | admin",
            "POST   | /apis/rbac.authorization.k8s.io/v1/namespaces/checkout/rolebindings | create | rbac.authorization.k8s.io | rolebindings      | checkout | -",
            "PATCH  | /apis/coordination.k8s.io/v1/namespaces/platform-system/leases/provisioning-service-leader | patch | coordination.k8s.io | leases | platform-system | provisioning-service-leader",
            // the deprecated watch prefix
            "GET    | /api/v1/watch/namespaces/checkout/configmaps              | watch            | ''                        | configmaps        | checkout | -",
            "GET    | /apis/batch/v1/watch/cronjobs                             | watch            | batch                     | cronjobs          | -       | -"})
    void mapsHttpRequestsToAuthorizationAttributesLikeTheApiServer(String method, String path, String verb, String group,
                                                                  String resource, String namespace, String name) {
        KubernetesRequest request = KubernetesRequest.fromHttp(method.strip(), path.strip());

        assertThat(request.isResourceRequest()).isTrue();
        assertThat(request.verb()).isEqualTo(verb.strip());
        assertThat(request.apiGroup()).isEqualTo(group.strip());
        assertThat(request.resourceWithSubresource()).isEqualTo(resource.strip());
        assertThat(request.namespace()).isEqualTo(namespace == null ? null : namespace.strip());
        assertThat(request.name()).isEqualTo(name == null ? null : name.strip());
    }

    @ParameterizedTest
    @CsvSource({"GET,/version", "GET,/api", "GET,/api/v1", "GET,/apis", "GET,/apis/apps", "GET,/apis/apps/v1",
            "GET,/openapi/v2", "GET,/healthz"})
    void discoveryAndVersionAreNonResourceRequests(String method, String path) {
        KubernetesRequest request = KubernetesRequest.fromHttp(method, path);

        assertThat(request.isResourceRequest()).isFalse();
        assertThat(request.nonResourcePath()).isEqualTo(path);
        assertThat(request.verb()).isEqualTo("get");
    }
}
