package io.platform.analytics;

import io.platform.analytics.maintenance.RebuildCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Cost and usage projections of the platform's namespaces. {@code java -jar analytics-service.jar rebuild ...} resets
 * the projections instead (see {@link RebuildCommand}).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class AnalyticsApplication {

    public static void main(String[] args) {
        if (RebuildCommand.isCommand(args)) {
            System.exit(RebuildCommand.run(args));
        }
        SpringApplication.run(AnalyticsApplication.class, args);
    }
}
