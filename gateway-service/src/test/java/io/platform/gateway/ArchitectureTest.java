package io.platform.gateway;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.platform.test.ArchitectureRules;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.platform.gateway");

    @Test
    void domainCoreDependsOnNoTransportOrInfrastructure() {
        ArchitectureRules.domainHasNoInfrastructureDependencies("io.platform.gateway").check(CLASSES);
    }
}
