package io.platform.audit.config;

import io.platform.audit.domain.AuditEventStore;
import io.platform.audit.domain.AuditTrail;
import io.platform.audit.messaging.AuditRecordMapper;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the domain core to its adapters. */
@Configuration(proxyBeanMethods = false)
public class AuditConfiguration {

    @Bean
    public Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    public AuditTrail auditTrail(AuditEventStore store, Clock clock) {
        return new AuditTrail(store, clock);
    }

    @Bean
    public AuditRecordMapper auditRecordMapper(Clock clock) {
        return new AuditRecordMapper(clock);
    }
}
