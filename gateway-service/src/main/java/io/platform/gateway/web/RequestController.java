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

    private final ReadModel readModel;

    public RequestController(ReadModel readModel) {
        this.readModel = readModel;
    }

    @GetMapping("/api/v1/requests/{requestId}")
    @PreAuthorize("hasAuthority('namespace:read')")
    public RequestView get(@PathVariable String requestId, Caller caller) {
        NamespaceRequest request = readModel.findRequest(requestId)
                .orElseThrow(() -> ProblemException.notFound("request " + requestId));
        // a request known only from events whose team is not known yet is visible to admins only
        if (!caller.isAdmin() && (request.team() == null || !caller.isMemberOf(request.team()))) {
            throw ProblemException.forbidden("request " + requestId + " belongs to another team");
        }
        return RequestView.of(request);
    }
}
