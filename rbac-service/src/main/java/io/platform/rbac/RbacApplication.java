package io.platform.rbac;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** rbac-service: binds teams to their namespaces in Kubernetes and keeps the record of the bindings it manages. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class RbacApplication {

    public static void main(String[] args) {
        SpringApplication.run(RbacApplication.class, args);
    }
}
