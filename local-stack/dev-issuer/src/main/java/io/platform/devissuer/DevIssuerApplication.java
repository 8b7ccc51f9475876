package io.platform.devissuer;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Development OIDC issuer for the local stack: client-credentials tokens for the platform's APIs. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class DevIssuerApplication {

    public static void main(String[] args) {
        SpringApplication.run(DevIssuerApplication.class, args);
    }
}
