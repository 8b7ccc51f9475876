package io.platform.rbac;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.platform.test.ArchitectureRules;

@AnalyzeClasses(packages = "io.platform.rbac", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule domainHasNoInfrastructureDependencies =
            ArchitectureRules.domainHasNoInfrastructureDependencies("io.platform.rbac");
}
