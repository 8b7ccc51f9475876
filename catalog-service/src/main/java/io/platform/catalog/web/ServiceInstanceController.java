package io.platform.catalog.web;

import io.platform.catalog.domain.InstanceRequest;
import io.platform.catalog.domain.InstanceService;
import io.platform.catalog.domain.ServiceInstance;
import io.platform.common.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Service instances in a namespace: deploy a template version, dry-run it, follow and delete instances. */
@RestController
@RequestMapping("/api/v1/namespaces/{namespace}/services")
@Tag(name = "Service instances", description = "Templates deployed into a team's namespace")
class ServiceInstanceController {

    private final InstanceService instances;

    ServiceInstanceController(InstanceService instances) {
        this.instances = instances;
    }

    record DeployService(String template, String version, String instanceName, JsonNode parameters) {
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasAuthority('namespace:update')")
    @Operation(summary = "Deploy a template version into the namespace",
            description = "202 with a Location once the request is on the service-instances topic; with dryRun=true, "
                    + "200 with the rendered manifests and the quota check and nothing published. 400 names every "
                    + "invalid field (parameters.<name>), 403 for another team's namespace, 404 for an unknown or "
                    + "not READY namespace, 409 when the name is taken or the quota has no room.")
    ResponseEntity<?> deploy(@PathVariable String namespace, @RequestBody DeployService body,
                             @RequestParam(defaultValue = "false") boolean dryRun, Caller caller) {
        InstanceRequest request = new InstanceRequest(body.template(), body.version(), body.instanceName(), body.parameters());
        if (dryRun) {
            return ResponseEntity.ok(Views.DryRunView.of(instances.dryRun(caller, namespace, request)));
        }
        ServiceInstance accepted = instances.request(caller, namespace, request);
        return ResponseEntity.status(HttpStatus.ACCEPTED).location(location(accepted)).body(Views.InstanceView.of(accepted));
    }

    @GetMapping
    @PreAuthorize("hasAuthority('namespace:read')")
    @Operation(summary = "The namespace's instances with their status (deleted ones with includeDeleted=true)")
    List<Views.InstanceView> list(@PathVariable String namespace, @RequestParam(defaultValue = "false") boolean includeDeleted,
                                  Caller caller) {
        return instances.list(caller, namespace, includeDeleted).stream().map(Views.InstanceView::of).toList();
    }

    @GetMapping("/{instanceName}")
    @PreAuthorize("hasAuthority('namespace:read')")
    @Operation(summary = "One instance: status (PENDING, DEPLOYED, FAILED, DELETING, DELETED), objects, failure")
    Views.InstanceView get(@PathVariable String namespace, @PathVariable String instanceName, Caller caller) {
        return Views.InstanceView.of(instances.get(caller, namespace, instanceName));
    }

    @DeleteMapping("/{instanceName}")
    @PreAuthorize("hasAuthority('namespace:update')")
    @Operation(summary = "Delete an instance: exactly its objects are removed",
            description = "202 while DELETING; 409 while it is still being deployed.")
    ResponseEntity<Views.InstanceView> delete(@PathVariable String namespace, @PathVariable String instanceName, Caller caller) {
        ServiceInstance deleting = instances.delete(caller, namespace, instanceName);
        return ResponseEntity.status(HttpStatus.ACCEPTED).location(location(deleting)).body(Views.InstanceView.of(deleting));
    }

    private static URI location(ServiceInstance instance) {
        return URI.create("/api/v1/namespaces/" + instance.namespace() + "/services/" + instance.instanceName());
    }
}
