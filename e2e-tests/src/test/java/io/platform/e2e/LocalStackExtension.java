package io.platform.e2e;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts the local stack once for all end-to-end classes ({@code ./platform up --detach}) and stops it
 * ({@code ./platform down}) when the whole suite is done.
 */
final class LocalStackExtension implements BeforeAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LocalStackExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("stack", key -> {
            LocalStack.up();
            return (AutoCloseable) LocalStack::down;
        }, AutoCloseable.class);
    }
}
