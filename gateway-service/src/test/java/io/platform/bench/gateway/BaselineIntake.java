package io.platform.bench.gateway;

import io.platform.gateway.domain.IntakeOutcome;
import io.platform.gateway.domain.NamespaceIntake;
import io.platform.gateway.domain.PublicationFailedException;
import io.platform.gateway.domain.ReadModel;
import io.platform.gateway.domain.RequestPublisher;
import io.platform.gateway.domain.Requester;
import io.platform.gateway.domain.TierCatalog;
import io.platform.gateway.domain.UnitOfWork;
import io.platform.gateway.web.AcceptedRequest;
import io.platform.rules.NamespaceRequestValidator;
import io.platform.rules.NamespaceSpecification;
import io.platform.rules.catalog.FeatureInfo;
import io.platform.rules.catalog.TierInfo;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.validation.executable.ExecutableValidator;
import jakarta.validation.metadata.BeanDescriptor;
import java.net.URI;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The benchmark's baseline, never part of the gateway itself (benchmark sources only, outside the gateway's component
 * scan): {@code POST /bench/baseline/namespaces} does the same durable work as {@code POST /api/v1/namespaces} (JSON
 * body, name claim and request row in one transaction, publish with acks=all, commit) with security (no token, no
 * role or team check) and validation (no rules, every tier and feature exists) switched off.
 */
public class BaselineIntake {

    @Bean
    WebSecurityCustomizer baselineWithoutSecurity() {
        return web -> web.ignoring().requestMatchers("/bench/**");
    }

    @Bean
    BaselineController baselineController(ReadModel readModel, RequestPublisher publisher, UnitOfWork unitOfWork,
                                          Clock clock) {
        NamespaceIntake intake = new NamespaceIntake(new NamespaceRequestValidator(new AcceptingValidator()),
                new EverythingExists(), readModel, publisher, unitOfWork, clock, "gateway-service");
        return new BaselineController(intake);
    }

    @RestController
    public static class BaselineController {

        private static final Requester REQUESTER = new Requester("bench-baseline", Set.of(), true);
        private final NamespaceIntake intake;

        BaselineController(NamespaceIntake intake) {
            this.intake = intake;
        }

        @PostMapping("/bench/baseline/namespaces")
        public ResponseEntity<AcceptedRequest> create(@RequestBody NamespaceSpecification body) {
            IntakeOutcome outcome;
            try {
                outcome = intake.submit(REQUESTER, body, null);
            } catch (PublicationFailedException e) {
                return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).build();
            }
            if (outcome instanceof IntakeOutcome.Accepted accepted) {
                return ResponseEntity.status(HttpStatus.ACCEPTED)
                        .location(URI.create("/api/v1/requests/" + accepted.request().requestId()))
                        .body(new AcceptedRequest(accepted.request().requestId(), accepted.request().name(),
                                accepted.request().type(), accepted.request().status()));
            }
            return ResponseEntity.status(HttpStatus.CONFLICT).build();
        }
    }

    /** Finds no constraint violation in anything. */
    static final class AcceptingValidator implements Validator {

        @Override
        public <T> Set<ConstraintViolation<T>> validate(T object, Class<?>... groups) {
            return Set.of();
        }

        @Override
        public <T> Set<ConstraintViolation<T>> validateProperty(T object, String propertyName, Class<?>... groups) {
            return Set.of();
        }

        @Override
        public <T> Set<ConstraintViolation<T>> validateValue(Class<T> beanType, String propertyName, Object value,
                                                             Class<?>... groups) {
            return Set.of();
        }

        @Override
        public BeanDescriptor getConstraintsForClass(Class<?> clazz) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <T> T unwrap(Class<T> type) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ExecutableValidator forExecutables() {
            throw new UnsupportedOperationException();
        }
    }

    /** A catalog in which every tier and feature exists. */
    static final class EverythingExists implements TierCatalog {

        private static final TierInfo TIER = new TierInfo("small", "Small", "2", "4Gi", "20Gi", 10, 5, 10, 10_000,
                "100m", "500m", "128Mi", "512Mi");
        private static final FeatureInfo FEATURE = new FeatureInfo("monitoring", "Prometheus scraping", Map.of(), Map.of());

        @Override
        public boolean isLoaded() {
            return true;
        }

        @Override
        public Optional<TierInfo> tier(String name) {
            return Optional.of(TIER);
        }

        @Override
        public Optional<FeatureInfo> feature(String name) {
            return Optional.of(FEATURE);
        }

        @Override
        public Collection<TierInfo> tiers() {
            return List.of(TIER);
        }

        @Override
        public Collection<FeatureInfo> features() {
            return List.of(FEATURE);
        }
    }
}
