package io.platform.deploy.kafka;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.platform.deploy.Manifests;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The Strimzi {@code KafkaUser}s of {@code deploy/kafka/20-users.yaml} and their ACLs: as Kafka {@link AclBinding}s
 * (what Strimzi's user operator creates, principal {@code User:<name>}) and evaluated in memory with Kafka's
 * semantics, so tests can state who may do what.
 */
public final class KafkaUsers {

    /** One ACL entry of a KafkaUser: allow {@code operations} on a resource (literal name or name prefix). */
    public record Acl(String user, ResourceType resourceType, String name, PatternType patternType,
                      Set<AclOperation> operations, String host) {

        boolean covers(ResourceType type, String resourceName) {
            if (type != resourceType) {
                return false;
            }
            return switch (patternType) {
                case LITERAL -> name.equals("*") || name.equals(resourceName);
                case PREFIXED -> resourceName.startsWith(name);
                default -> false;
            };
        }

        boolean grants(AclOperation operation) {
            if (operations.contains(AclOperation.ALL) || operations.contains(operation)) {
                return true;
            }
            // Kafka: READ, WRITE, DELETE and ALTER imply DESCRIBE; ALTER_CONFIGS implies DESCRIBE_CONFIGS
            if (operation == AclOperation.DESCRIBE) {
                return operations.stream().anyMatch(op -> Set.of(AclOperation.READ, AclOperation.WRITE,
                        AclOperation.DELETE, AclOperation.ALTER).contains(op));
            }
            return operation == AclOperation.DESCRIBE_CONFIGS && operations.contains(AclOperation.ALTER_CONFIGS);
        }
    }

    private final Map<String, List<Acl>> aclsByUser;
    private final Map<String, Map<String, Object>> quotasByUser;

    private KafkaUsers(Map<String, List<Acl>> aclsByUser, Map<String, Map<String, Object>> quotasByUser) {
        this.aclsByUser = aclsByUser;
        this.quotasByUser = quotasByUser;
    }

    public static KafkaUsers load(Path file) {
        Map<String, List<Acl>> acls = new LinkedHashMap<>();
        Map<String, Map<String, Object>> quotas = new LinkedHashMap<>();
        for (HasMetadata object : Manifests.read(file)) {
            if (!(object instanceof GenericKubernetesResource user) || !"KafkaUser".equals(user.getKind())) {
                continue;
            }
            String name = user.getMetadata().getName();
            String authentication = user.get("spec", "authentication", "type");
            if (!"scram-sha-512".equals(authentication)) {
                throw new IllegalArgumentException("KafkaUser " + name + ": authentication " + authentication
                        + ", expected scram-sha-512");
            }
            String authorization = user.get("spec", "authorization", "type");
            if (!"simple".equals(authorization)) {
                throw new IllegalArgumentException("KafkaUser " + name + ": authorization " + authorization + ", expected simple");
            }
            List<Map<String, Object>> entries = user.get("spec", "authorization", "acls");
            List<Acl> userAcls = new ArrayList<>();
            for (Map<String, Object> entry : entries == null ? List.<Map<String, Object>>of() : entries) {
                userAcls.add(acl(name, entry));
            }
            acls.put(name, List.copyOf(userAcls));
            Map<String, Object> userQuotas = user.get("spec", "quotas");
            quotas.put(name, userQuotas == null ? Map.of() : userQuotas);
        }
        return new KafkaUsers(acls, quotas);
    }

    @SuppressWarnings("unchecked")
    private static Acl acl(String user, Map<String, Object> entry) {
        Map<String, Object> resource = (Map<String, Object>) entry.get("resource");
        String type = (String) resource.get("type");
        ResourceType resourceType = switch (type) {
            case "topic" -> ResourceType.TOPIC;
            case "group" -> ResourceType.GROUP;
            case "cluster" -> ResourceType.CLUSTER;
            case "transactionalId" -> ResourceType.TRANSACTIONAL_ID;
            default -> throw new IllegalArgumentException("KafkaUser " + user + ": unknown resource type " + type);
        };
        String name = resourceType == ResourceType.CLUSTER ? "kafka-cluster" : (String) resource.get("name");
        String pattern = (String) resource.getOrDefault("patternType", "literal");
        PatternType patternType = switch (pattern) {
            case "literal" -> PatternType.LITERAL;
            case "prefix" -> PatternType.PREFIXED;
            default -> throw new IllegalArgumentException("KafkaUser " + user + ": unknown patternType " + pattern);
        };
        List<String> operationNames = (List<String>) entry.get("operations");
        if (operationNames == null || operationNames.isEmpty()) {
            throw new IllegalArgumentException("KafkaUser " + user + ": an ACL on " + name + " lists no operations");
        }
        Set<AclOperation> operations = new java.util.LinkedHashSet<>();
        for (String operation : operationNames) {
            operations.add(operation(user, operation));
        }
        String host = (String) entry.getOrDefault("host", "*");
        return new Acl(user, resourceType, name, patternType, Set.copyOf(operations), host);
    }

    private static AclOperation operation(String user, String strimziName) {
        // Strimzi spells Kafka's operations in CamelCase: Read, Write, DescribeConfigs, IdempotentWrite ...
        String kafkaName = strimziName.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
        AclOperation operation = AclOperation.fromString(kafkaName);
        if (operation == AclOperation.UNKNOWN || operation == AclOperation.ANY) {
            throw new IllegalArgumentException("KafkaUser " + user + ": unknown operation " + strimziName);
        }
        return operation;
    }

    public Set<String> users() {
        return aclsByUser.keySet();
    }

    public List<Acl> acls(String user) {
        List<Acl> acls = aclsByUser.get(user);
        if (acls == null) {
            throw new IllegalArgumentException("no KafkaUser " + user + " (known: " + users() + ")");
        }
        return acls;
    }

    public Map<String, Object> quotas(String user) {
        return quotasByUser.getOrDefault(user, Map.of());
    }

    /** Whether {@code user}'s ACLs allow {@code operation} on the resource (Kafka's allow-only semantics). */
    public boolean allows(String user, AclOperation operation, ResourceType type, String name) {
        return acls(user).stream().anyMatch(acl -> acl.covers(type, name) && acl.grants(operation));
    }

    public boolean canWrite(String user, String topic) {
        return allows(user, AclOperation.WRITE, ResourceType.TOPIC, topic);
    }

    public boolean canRead(String user, String topic) {
        return allows(user, AclOperation.READ, ResourceType.TOPIC, topic);
    }

    /** The ACL bindings Strimzi's user operator creates for these users. */
    public List<AclBinding> aclBindings() {
        List<AclBinding> bindings = new ArrayList<>();
        aclsByUser.forEach((user, acls) -> {
            for (Acl acl : acls) {
                for (AclOperation operation : acl.operations()) {
                    bindings.add(new AclBinding(new ResourcePattern(acl.resourceType(), acl.name(), acl.patternType()),
                            new AccessControlEntry("User:" + user, acl.host(), operation, AclPermissionType.ALLOW)));
                }
            }
        });
        return bindings;
    }
}
