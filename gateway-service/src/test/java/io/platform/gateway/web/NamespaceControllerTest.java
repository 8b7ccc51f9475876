package io.platform.gateway.web;

import static org.hamcrest.Matchers.hasSize;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.platform.common.security.PlatformSecurityAutoConfiguration;
import io.platform.common.web.PlatformWebAutoConfiguration;
import io.platform.gateway.domain.IntakeOutcome;
import io.platform.gateway.domain.LifecycleStatus;
import io.platform.gateway.domain.Namespace;
import io.platform.gateway.domain.NamespaceFilter;
import io.platform.gateway.domain.NamespaceIntake;
import io.platform.gateway.domain.NamespacePage;
import io.platform.gateway.domain.NamespaceRequest;
import io.platform.gateway.domain.PublicationFailedException;
import io.platform.gateway.domain.ReadModel;
import io.platform.gateway.domain.RequestType;
import io.platform.gateway.domain.Requester;
import io.platform.rules.NamespaceChanges;
import io.platform.rules.NamespaceSpecification;
import io.platform.rules.Violation;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.CannotCreateTransactionException;

@WebMvcTest(controllers = {NamespaceController.class, RequestController.class})
@ImportAutoConfiguration({PlatformSecurityAutoConfiguration.class, PlatformWebAutoConfiguration.class})
class NamespaceControllerTest {

    private static final String BODY = """
            {"name": "payments-api", "team": "payments", "environment": "development", "tier": "small",
             "networkPolicy": "isolated", "features": ["monitoring"], "description": "payments API", "costCenter": "cc-1"}
            """;
    private static final NamespaceSpecification SPEC = new NamespaceSpecification("payments-api", "payments",
            "development", "small", "isolated", List.of("monitoring"), "payments API", "cc-1");
    private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");

    @Autowired
    private MockMvc mvc;

    @MockitoBean
    private NamespaceIntake intake;

    @MockitoBean
    private ReadModel readModel;

    private static NamespaceRequest pending(String requestId) {
        return NamespaceRequest.accepted(requestId, SPEC, "team-payments", "gateway-service", null, AT);
    }

    @Test
    void acceptsAValidRequestWith202AndWhereToFollowIt() throws Exception {
        when(intake.submit(any(), eq(SPEC), isNull())).thenReturn(new IntakeOutcome.Accepted(pending("r-1"), false));

        mvc.perform(post("/api/v1/namespaces").with(Tokens.payments()).contentType(MediaType.APPLICATION_JSON).content(BODY))
                .andExpect(status().isAccepted())
                .andExpect(header().string("Location", "/api/v1/requests/r-1"))
                .andExpect(jsonPath("$.requestId").value("r-1"))
                .andExpect(jsonPath("$.name").value("payments-api"))
                .andExpect(jsonPath("$.status").value("PENDING"));

        verify(intake).submit(new Requester("team-payments", Set.of("payments"), false), SPEC, null);
    }

    @Test
    void passesTheIdempotencyKeyOn() throws Exception {
        when(intake.submit(any(), eq(SPEC), eq("order-42"))).thenReturn(new IntakeOutcome.Accepted(pending("r-1"), true));

        mvc.perform(post("/api/v1/namespaces").with(Tokens.payments()).header("Idempotency-Key", "order-42")
                        .contentType(MediaType.APPLICATION_JSON).content(BODY))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.requestId").value("r-1"));
    }

    @Test
    void answersEveryViolatedRuleAsA400Problem() throws Exception {
        when(intake.submit(any(), any(), any())).thenReturn(new IntakeOutcome.Invalid(List.of(
                new Violation("name", "pattern", "must be a DNS-1123 label"),
                new Violation("tier", "unknown-tier", "'gigantic' is not a tier of the catalog"))));

        mvc.perform(post("/api/v1/namespaces").with(Tokens.payments()).contentType(MediaType.APPLICATION_JSON).content(BODY))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://platform.io/problems/validation"))
                .andExpect(jsonPath("$.instance").value("/api/v1/namespaces"))
                .andExpect(jsonPath("$.errors", hasSize(2)))
                .andExpect(jsonPath("$.errors[0].field").value("name"))
                .andExpect(jsonPath("$.errors[1].code").value("unknown-tier"));
    }

    @Test
    void refusesAnUnknownFieldInTheBody() throws Exception {
        mvc.perform(post("/api/v1/namespaces").with(Tokens.payments()).contentType(MediaType.APPLICATION_JSON)
                        .content(BODY.replace("\"tier\"", "\"replicas\": 3, \"tier\"")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("replicas"))
                .andExpect(jsonPath("$.errors[0].code").value("unknown-field"));
        verifyNoInteractions(intake);
    }

    @Test
    void refusesAnIdempotencyKeyThatIsNotVisibleAscii() throws Exception {
        mvc.perform(post("/api/v1/namespaces").with(Tokens.payments()).header("Idempotency-Key", "with space")
                        .contentType(MediaType.APPLICATION_JSON).content(BODY))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("Idempotency-Key"));
    }

    @Test
    void answers403ToACallerWithoutTheCreateRole() throws Exception {
        mvc.perform(post("/api/v1/namespaces").with(Tokens.analyst()).contentType(MediaType.APPLICATION_JSON).content(BODY))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://platform.io/problems/forbidden"));
        verifyNoInteractions(intake);
    }

    @Test
    void answers403ForANamespaceOfAnotherTeam() throws Exception {
        when(intake.submit(any(), any(), any())).thenReturn(new IntakeOutcome.NotTeamMember("search"));

        mvc.perform(post("/api/v1/namespaces").with(Tokens.payments()).contentType(MediaType.APPLICATION_JSON).content(BODY))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.detail").value("the caller is not a member of team 'search'"));
    }

    @Test
    void answers409WhenTheNameIsTaken() throws Exception {
        when(intake.submit(any(), any(), any())).thenReturn(new IntakeOutcome.NameTaken("payments-api", LifecycleStatus.PENDING, "r-0"));

        mvc.perform(post("/api/v1/namespaces").with(Tokens.payments()).contentType(MediaType.APPLICATION_JSON).content(BODY))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("https://platform.io/problems/conflict"))
                .andExpect(jsonPath("$.status").value(409))
                .andExpect(jsonPath("$.name").value("payments-api"))
                .andExpect(jsonPath("$.namespace").value("/api/v1/namespaces/payments-api"))
                .andExpect(jsonPath("$.request").value("/api/v1/requests/r-0"));
    }

    @Test
    void asksToRetryLaterWhenTheRequestCannotBePublished() throws Exception {
        when(intake.submit(any(), any(), any())).thenThrow(new PublicationFailedException("broker unavailable", null));

        mvc.perform(post("/api/v1/namespaces").with(Tokens.payments()).contentType(MediaType.APPLICATION_JSON).content(BODY))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "5"))
                .andExpect(jsonPath("$.type").value("https://platform.io/problems/unavailable"));
    }

    @Test
    void asksToRetryLaterWhileTheCatalogIsNotLoaded() throws Exception {
        when(intake.submit(any(), any(), any())).thenReturn(new IntakeOutcome.CatalogUnavailable());

        mvc.perform(post("/api/v1/namespaces").with(Tokens.payments()).contentType(MediaType.APPLICATION_JSON).content(BODY))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().exists("Retry-After"));
    }

    @Test
    void answers401WithoutAToken() throws Exception {
        mvc.perform(post("/api/v1/namespaces").contentType(MediaType.APPLICATION_JSON).content(BODY))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.type").value("https://platform.io/problems/unauthorized"));
    }

    @Test
    void showsARequestOfTheCallersTeamWithItsSteps() throws Exception {
        when(readModel.findRequest("r-1")).thenReturn(Optional.of(pending("r-1")));

        mvc.perform(get("/api/v1/requests/r-1").with(Tokens.payments()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.requestId").value("r-1"))
                .andExpect(jsonPath("$.status").value("PENDING"))
                .andExpect(jsonPath("$.spec.tier").value("small"))
                .andExpect(jsonPath("$.steps", hasSize(0)))
                .andExpect(jsonPath("$.createdAt").value("2026-12-01T10:00:00Z"));
    }

    @Test
    void answersARequestOfAnotherTeamLikeAnUnknownOne() throws Exception {
        NamespaceSpecification search = new NamespaceSpecification("search-api", "search", "development", "small",
                "isolated", List.of(), null, null);
        when(readModel.findRequest("r-2")).thenReturn(Optional.of(
                NamespaceRequest.accepted("r-2", search, "team-search", "gateway-service", null, AT)));

        mvc.perform(get("/api/v1/requests/r-2").with(Tokens.payments())).andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/requests/r-2").with(Tokens.admin())).andExpect(status().isOk());
    }

    @Test
    void answers404ForAnUnknownRequest() throws Exception {
        when(readModel.findRequest("nope")).thenReturn(Optional.empty());

        mvc.perform(get("/api/v1/requests/nope").with(Tokens.payments()))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("https://platform.io/problems/not-found"));
    }

    @Test
    void listsOnlyNamespacesOfTheCallersTeams() throws Exception {
        when(readModel.listNamespaces(any())).thenReturn(new NamespacePage(List.of(Namespace.pending(SPEC, "r-1", AT)), 7));

        mvc.perform(get("/api/v1/namespaces").with(Tokens.payments()).param("status", "PENDING")
                        .param("environment", "development").param("tier", "small").param("page", "3").param("size", "2"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[0].name").value("payments-api"))
                .andExpect(jsonPath("$.items[0].status").value("PENDING"))
                .andExpect(jsonPath("$.page").value(3))
                .andExpect(jsonPath("$.size").value(2))
                .andExpect(jsonPath("$.total").value(7));

        verify(readModel).listNamespaces(new NamespaceFilter(Set.of("payments"), "development", "small",
                LifecycleStatus.PENDING, 6, 2));
    }

    @Test
    void listsNothingForATeamFilterOutsideTheCallersTeams() throws Exception {
        when(readModel.listNamespaces(any())).thenReturn(new NamespacePage(List.of(), 0));

        mvc.perform(get("/api/v1/namespaces").with(Tokens.payments()).param("team", "search"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(0));

        verify(readModel).listNamespaces(new NamespaceFilter(Set.of(), null, null, null, 0, 50));
    }

    @Test
    void refusesPagingOutsideTheLimitsWithEveryFieldError() throws Exception {
        mvc.perform(get("/api/v1/namespaces").with(Tokens.payments()).param("page", "-1").param("size", "1000"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors", hasSize(2)));
    }

    @Test
    void acceptsAChangeWith202AndWhereToFollowIt() throws Exception {
        NamespaceChanges changes = new NamespaceChanges("medium", null, null, null, null);
        when(intake.update(any(), eq("payments-api"), eq(changes), eq("k-1"))).thenReturn(new IntakeOutcome.Accepted(
                NamespaceRequest.acceptedDayTwo("u-1", RequestType.UPDATE, "payments-api", "payments", changes,
                        "team-payments", "gateway-service", "k-1", AT), false));

        mvc.perform(patch("/api/v1/namespaces/payments-api").with(Tokens.payments()).header("Idempotency-Key", "k-1")
                        .contentType("application/merge-patch+json").content("{\"tier\": \"medium\"}"))
                .andExpect(status().isAccepted())
                .andExpect(header().string("Location", "/api/v1/requests/u-1"))
                .andExpect(jsonPath("$.type").value("UPDATE"));
    }

    @Test
    void refusesAChangeOfTheNameOrTeamAsUnknownFields() throws Exception {
        mvc.perform(patch("/api/v1/namespaces/payments-api").with(Tokens.payments())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"team\": \"search\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("team"))
                .andExpect(jsonPath("$.errors[0].code").value("unknown-field"));
        verifyNoInteractions(intake);
    }

    @Test
    void answersDeletionOutcomesWithTheirStatus() throws Exception {
        when(intake.delete(any(), eq("gone"), any(), any())).thenReturn(new IntakeOutcome.NotFound("gone"));
        when(intake.delete(any(), eq("prod"), any(), any())).thenReturn(new IntakeOutcome.NotAllowed("needs admin"));
        when(intake.delete(any(), eq("busy"), any(), any()))
                .thenReturn(new IntakeOutcome.NotChangeable("busy", LifecycleStatus.UPDATING, "u-9"));

        mvc.perform(delete("/api/v1/namespaces/gone").with(Tokens.payments())).andExpect(status().isNotFound());
        mvc.perform(delete("/api/v1/namespaces/prod").with(Tokens.payments())).andExpect(status().isForbidden());
        mvc.perform(delete("/api/v1/namespaces/busy").with(Tokens.payments()))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.namespaceStatus").value("UPDATING"))
                .andExpect(jsonPath("$.request").value("/api/v1/requests/u-9"));
        mvc.perform(delete("/api/v1/namespaces/busy").with(Tokens.analyst())).andExpect(status().isForbidden());
    }

    @Test
    void answersAnUnreachableStoreWith503() throws Exception {
        when(readModel.findNamespace("payments-api")).thenThrow(new CannotCreateTransactionException("no connection"));

        mvc.perform(get("/api/v1/namespaces/payments-api").with(Tokens.payments()))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().exists("Retry-After"))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://platform.io/problems/unavailable"));
    }

    @Test
    void refusesAnUnknownStatusFilter() throws Exception {
        mvc.perform(get("/api/v1/namespaces").with(Tokens.payments()).param("status", "SLEEPING"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("status"));
    }
}
