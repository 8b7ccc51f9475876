package io.platform.gateway.web;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.platform.common.web.ProblemWriter;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;

import io.platform.gateway.config.GatewayProperties;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;

/**
 * The gateway's servlet filters around the platform's (the body size limit right after the correlation id, before
 * authentication, so an oversized body is never buffered whole; the rate limit right after authentication), problem
 * answers for requests the HTTP firewall refuses, and strict JSON text fields.
 */
@Configuration(proxyBeanMethods = false)
public class GatewayWebConfiguration {

    @Bean
    FilterRegistrationBean<BodySizeLimitFilter> bodySizeLimitFilter(GatewayProperties properties, ProblemWriter problems) {
        FilterRegistrationBean<BodySizeLimitFilter> registration = new FilterRegistrationBean<>(
                new BodySizeLimitFilter(properties.maxBodySize().toBytes(), problems));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    /**
     * The platform's JWT decoder (platform-common: issuer, signature, audience, expiry) behind a cache of validated
     * tokens; expiry and not-before are still checked on every request.
     */
    @Bean
    static BeanPostProcessor cachingJwtDecoder(ObjectProvider<MeterRegistry> meters) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (!(bean instanceof JwtDecoder decoder) || bean instanceof CachingJwtDecoder) {
                    return bean;
                }
                return new CachingJwtDecoder(decoder, new JwtTimestampValidator(), Duration.ofMinutes(5), 10_000,
                        Clock.systemUTC(), meters.getIfAvailable(SimpleMeterRegistry::new));
            }
        };
    }

    /** Requests the HTTP firewall refuses before any controller (e.g. an encoded slash or NUL in the path): 400 problem. */
    @Bean
    RequestRejectedHandler problemRequestRejectedHandler(ProblemWriter problems) {
        return (request, response, exception) ->
                problems.write(request, response, GatewayProblemAdvice.rejectedRequest(exception, request));
    }

    /**
     * Strict JSON beyond the platform's defaults: a number or boolean where the API expects text is refused (400
     * naming the field) instead of being turned into text, so {@code "name": 12345} is not a namespace name.
     */
    @Bean
    JsonMapperBuilderCustomizer noScalarToTextCoercion() {
        return builder -> builder.withCoercionConfig(LogicalType.Textual, config -> config
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
    }

    @Bean
    FilterRegistrationBean<RateLimitFilter> rateLimitFilter(GatewayProperties properties, ProblemWriter problems) {
        FilterRegistrationBean<RateLimitFilter> registration = new FilterRegistrationBean<>(
                new RateLimitFilter(properties.rateLimit(), problems));
        registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER + 10);
        registration.setEnabled(properties.rateLimit().enabled());
        return registration;
    }
}
