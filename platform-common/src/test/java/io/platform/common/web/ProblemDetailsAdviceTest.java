package io.platform.common.web;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

class ProblemDetailsAdviceTest {

    @RestController
    static class FailingController {
        @PostMapping("/rollback-failed")
        void rollbackFailed() {
            throw new TransactionSystemException("JDBC rollback failed");
        }

        @PostMapping("/bug")
        void bug() {
            throw new IllegalStateException("a bug");
        }
    }

    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new FailingController())
            .setControllerAdvice(new ProblemDetailsAdvice()).build();

    @Test
    void answersADatabaseThatFailedMidTransactionWith503AndRetryAfter() throws Exception {
        // Given the database went away while a request's transaction was open (PostgreSQL stopped)
        // When the request fails on the rollback, Then the client is told to retry, not that the server is broken
        mvc.perform(post("/rollback-failed"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "5"))
                .andExpect(jsonPath("$.type").value(ProblemTypes.UNAVAILABLE.toString()));
    }

    @Test
    void answersAnythingElseUnexpectedWith500() throws Exception {
        mvc.perform(post("/bug"))
                .andExpect(status().isInternalServerError())
                .andExpect(jsonPath("$.type").value(ProblemTypes.INTERNAL.toString()));
    }
}
