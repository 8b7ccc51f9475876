package io.platform.analytics.config;

import io.platform.analytics.domain.CostIntervalStore;
import io.platform.analytics.domain.CostProjection;
import io.platform.analytics.domain.CostReporting;
import io.platform.analytics.domain.TierPrices;
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
    public CostProjection costProjection(CostIntervalStore store, TierPrices prices) {
        return new CostProjection(store, prices);
    }

    @Bean
    public CostReporting costReporting(CostIntervalStore store, Clock clock) {
        return new CostReporting(store, clock);
    }
}
