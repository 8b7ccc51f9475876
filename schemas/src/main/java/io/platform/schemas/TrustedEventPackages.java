package io.platform.schemas;

import org.apache.avro.util.ClassSecurityValidator;

/**
 * Avro 1.12.2 refuses to instantiate classes it does not trust. This trusts the generated event classes
 * programmatically, so that no JVM flag is needed; the {@code org.apache.avro.SERIALIZABLE_PACKAGES} system
 * property keeps working as well.
 */
public final class TrustedEventPackages {

    public static final String EVENTS_PACKAGE = "io.platform.events";

    private static volatile boolean installed;

    private TrustedEventPackages() {
    }

    public static void install() {
        if (installed) {
            return;
        }
        synchronized (TrustedEventPackages.class) {
            if (!installed) {
                ClassSecurityValidator.ClassSecurityPredicate previous = ClassSecurityValidator.getGlobal();
                ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(previous,
                        type -> type.getName().startsWith(EVENTS_PACKAGE + ".")));
                installed = true;
            }
        }
    }
}
