package io.platform.gateway.web;

import io.platform.common.security.Caller;
import io.platform.common.web.ProblemException;
import io.platform.gateway.domain.NamespaceRequest;
import io.platform.gateway.domain.ReadModel;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Where a request stands: status, steps with their times, violations or failure. */
@RestController
public class RequestController {

    static final String PATH = "/api/v1/requests/";

    private final ReadModel readModel;

    public RequestController(ReadModel readModel) {
        this.readModel = readModel;
    }

    @GetMapping("/api/v1/requests/{requestId}")
    @PreAuthorize("hasAuthority('namespace:read')")
    public RequestView get(@PathVariable String requestId, Caller caller) {
        // another team's request is answered like an unknown one; a request known only from events whose team is not
        // known yet is visible to admins only
        NamespaceRequest request = readModel.findRequest(requestId)
                .filter(found -> caller.isAdmin() || (found.team() != null && caller.isMemberOf(found.team())))
                .orElseThrow(() -> ProblemException.notFound("request " + requestId));
        return RequestView.of(request);
    }
}
