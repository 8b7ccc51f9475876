package io.platform.rbac.web;

import io.platform.common.web.FieldError;
import io.platform.common.web.ValidationProblem;
import io.platform.rbac.domain.BindingStore;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The RoleBindings rbac-service manages. */
@RestController
@RequestMapping("/api/v1/rbac")
public class BindingsController {

    private static final Pattern DNS_LABEL = Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$");

    private final BindingStore store;

    public BindingsController(BindingStore store) {
        this.store = store;
    }

    /** {@code GET /api/v1/rbac/bindings?namespace=}: every managed binding, or those of one namespace. */
    @GetMapping("/bindings")
    @PreAuthorize("hasAuthority('rbac:admin')")
    public BindingList bindings(@RequestParam(required = false) String namespace) {
        if (namespace != null && namespace.isBlank()) {
            namespace = null;
        }
        if (namespace != null && (namespace.length() > 63 || !DNS_LABEL.matcher(namespace).matches())) {
            throw new ValidationProblem(List.of(new FieldError("namespace", "pattern",
                    "must be a DNS-1123 label: lowercase letters, digits and '-', at most 63 characters")), true);
        }
        return new BindingList(store.list(namespace).stream().map(BindingView::of).toList());
    }

    /** The answer: {@code {"items": [...]}}. */
    public record BindingList(List<BindingView> items) {
    }
}
