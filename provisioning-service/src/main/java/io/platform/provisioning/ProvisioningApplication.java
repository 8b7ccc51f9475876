package io.platform.provisioning;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** provisioning-service: the namespace lifecycle saga and the only writer of namespaces to Kubernetes. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ProvisioningApplication {

    public static void main(String[] args) {
        SpringApplication.run(ProvisioningApplication.class, args);
    }
}
