package io.platform.provisioning.instances;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.platform.test.ArchitectureRules;

@AnalyzeClasses(packages = "io.platform.provisioning.instances", importOptions = ImportOption.DoNotIncludeTests.class)
class InstancesArchitectureTest {

    @ArchTest
    static final ArchRule domainHasNoInfrastructureDependencies =
            ArchitectureRules.domainHasNoInfrastructureDependencies("io.platform.provisioning.instances");
}
