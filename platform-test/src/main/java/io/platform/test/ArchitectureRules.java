package io.platform.test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.lang.ArchRule;

/** Architecture rules every service checks with ArchUnit. */
public final class ArchitectureRules {

    private ArchitectureRules() {
    }

    /**
     * The domain core ({@code <base>.domain..}) knows no transport or infrastructure: no Kafka, web, servlet, JDBC,
     * fabric8 or Spring web/kafka/jdbc types. Adapters around it translate.
     */
    public static ArchRule domainHasNoInfrastructureDependencies(String basePackage) {
        return noClasses().that().resideInAPackage(basePackage + ".domain..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.apache.kafka..", "org.springframework.kafka..", "org.springframework.web..",
                        "org.springframework.http..", "jakarta.servlet..", "org.springframework.jdbc..", "java.sql..",
                        "io.fabric8..", "io.platform.common.kafka..", "io.platform.common.web..")
                .as("the domain core of " + basePackage + " depends on no transport or infrastructure");
    }
}
