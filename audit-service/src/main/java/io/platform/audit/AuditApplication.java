package io.platform.audit;

import io.platform.audit.maintenance.AuditMaintenance;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The compliance store of every platform event. {@code java -jar audit-service.jar} runs the service;
 * {@code archive ...} and {@code verify-archives ...} run a retention job instead (see {@link AuditMaintenance}).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class AuditApplication {

    public static void main(String[] args) {
        if (AuditMaintenance.isCommand(args)) {
            System.exit(AuditMaintenance.run(args));
        }
        SpringApplication.run(AuditApplication.class, args);
    }
}
