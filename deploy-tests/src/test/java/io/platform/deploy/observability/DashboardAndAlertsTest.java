package io.platform.deploy.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.platform.deploy.DeployLayout;
import io.platform.deploy.Manifests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

class DashboardAndAlertsTest {

    private static final Path OBSERVABILITY = DeployLayout.resolve("observability");

    @Test
    void dashboardIsValidGrafanaJsonWithAQueryInEveryPanel() throws IOException {
        // Given the dashboard file
        JsonNode dashboard = new ObjectMapper().readTree(OBSERVABILITY.resolve("dashboards/namespace-platform.json").toFile());

        // Then it is a Grafana dashboard whose every graph has at least one Prometheus query
        assertThat(dashboard.path("uid").asString()).isEqualTo("namespace-platform");
        assertThat(dashboard.path("schemaVersion").asInt()).isGreaterThanOrEqualTo(36);
        Set<Integer> ids = new LinkedHashSet<>();
        for (JsonNode panel : dashboard.path("panels")) {
            assertThat(ids.add(panel.path("id").asInt())).as("panel ids are unique").isTrue();
            if (panel.path("type").asString().equals("row")) {
                continue;
            }
            assertThat(panel.path("targets").isEmpty()).as("panel '%s' has queries", panel.path("title").asString()).isFalse();
            for (JsonNode target : panel.path("targets")) {
                assertThat(target.path("expr").asString()).as("query of '%s'", panel.path("title").asString()).isNotBlank();
            }
        }
        assertThat(ids).hasSizeGreaterThan(10);
    }

    @Test
    void everyMetricTheDashboardAndTheAlertsQueryIsAKnownMetric() throws IOException {
        // Given every query of the dashboard and every alert expression
        Map<String, Set<String>> metricsByQuery = new LinkedHashMap<>();
        dashboardQueries().forEach(query -> metricsByQuery.put("dashboard: " + query, PromQl.metricNames(query)));
        alertExpressions().forEach((alert, expr) -> metricsByQuery.put("alert " + alert + ": " + expr, PromQl.metricNames(expr)));
        Set<String> serviceMetrics = metricList("metrics-used.txt");
        Set<String> externalMetrics = metricList("metrics-external.txt");

        // Then each metric they read is in metrics-used.txt (exported by the services) or metrics-external.txt
        List<String> unknown = new ArrayList<>();
        metricsByQuery.forEach((query, metrics) -> metrics.stream()
                .filter(metric -> !serviceMetrics.contains(metric) && !externalMetrics.contains(metric))
                .forEach(metric -> unknown.add(metric + " in " + query)));
        assertThat(unknown).as("metrics neither in metrics-used.txt nor in metrics-external.txt").isEmpty();

        // And every listed metric is read somewhere (the lists name exactly what is used)
        Set<String> used = new TreeSet<>();
        metricsByQuery.values().forEach(used::addAll);
        assertThat(used).containsAll(serviceMetrics).containsAll(externalMetrics);
        assertThat(serviceMetrics).doesNotContainAnyElementsOf(externalMetrics);
    }

    @Test
    void alertsCoverLagDeadLettersProvisioningFailuresAndLatency() {
        // Given the alert rules
        Map<String, String> alerts = alertExpressions();

        // Then the four operational signals of the platform each have an alert
        assertThat(alerts.values()).anyMatch(expr -> expr.contains("kafka_consumer_fetch_manager_records_lag_max"))
                .anyMatch(expr -> expr.contains("kafka_consumergroup_lag"))
                .anyMatch(expr -> expr.contains("platform_dead_letters_total"))
                .anyMatch(expr -> expr.contains("namespace_provisioning_total{status=\"FAILED\"}"))
                .anyMatch(expr -> expr.contains("histogram_quantile(0.99") && expr.contains("http_server_requests_seconds_bucket"));
        assertThat(alerts).containsKeys("PlatformConsumerLagGrowing", "PlatformDeadLettersGrowing",
                "NamespaceProvisioningFailures", "PlatformHttpP99AboveTarget");
    }

    @Test
    void metricNamesAreFoundInPromQlWithFunctionsLabelsRangesAndTemplateVariables() {
        assertThat(PromQl.metricNames("histogram_quantile(0.99, sum by (application, le) "
                + "(rate(http_server_requests_seconds_bucket{application=~\"$application\", uri!~\"/actuator.*\"}[$__rate_interval]))) > 0.5"))
                .containsExactly("http_server_requests_seconds_bucket");
        assertThat(PromQl.metricNames("sum(a_total) / on (job) group_left (team) b_info offset 5m and bool 1e3 < c"))
                .containsExactly("a_total", "b_info", "c");
        assertThat(PromQl.metricNames("label_values(http_server_requests_seconds_count, application)"))
                .containsExactly("http_server_requests_seconds_count");
    }

    private static Set<String> metricList(String file) throws IOException {
        Set<String> metrics = new TreeSet<>();
        for (String line : Files.readAllLines(OBSERVABILITY.resolve(file))) {
            String metric = line.strip();
            if (!metric.isEmpty() && !metric.startsWith("#")) {
                assertThat(metric).as("one metric name per line in %s", file).matches("[a-zA-Z_:][a-zA-Z0-9_:]*");
                metrics.add(metric);
            }
        }
        return metrics;
    }

    private static List<String> dashboardQueries() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(OBSERVABILITY.resolve("dashboards/namespace-platform.json").toFile());
        List<String> queries = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                queries.add(target.path("expr").asString());
            }
        }
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if (variable.path("type").asString().equals("query")) {
                JsonNode query = variable.path("query");
                queries.add(query.isObject() ? query.path("query").asString() : query.asString());
            }
        }
        return queries;
    }

    static Map<String, String> alertExpressions() {
        Map<String, String> alerts = new LinkedHashMap<>();
        for (HasMetadata object : Manifests.read(OBSERVABILITY.resolve("10-alerts.yaml"))) {
            GenericKubernetesResource rule = (GenericKubernetesResource) object;
            List<Map<String, Object>> groups = rule.get("spec", "groups");
            for (Map<String, Object> group : groups) {
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> rules = (List<Map<String, Object>>) group.get("rules");
                for (Map<String, Object> alert : rules) {
                    assertThat(alerts.put((String) alert.get("alert"), String.valueOf(alert.get("expr"))))
                            .as("alert names are unique").isNull();
                    assertThat(alert).containsKeys("labels", "annotations");
                }
            }
        }
        return alerts;
    }
}
