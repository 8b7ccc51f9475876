package io.platform.analytics.config;

import io.platform.analytics.domain.CostIntervalStore;
import io.platform.analytics.domain.CostReporting;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the domain core to its adapters. */
@Configuration(proxyBeanMethods = false)
public class AnalyticsConfiguration {

    @Bean
    public Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    public CostReporting costReporting(CostIntervalStore store, Clock clock) {
        return new CostReporting(store, clock);
    }
}
