package io.fer.processor.it;

import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

import java.util.List;

/**
 * The ACLs a pipeline user needs, and no more: read and write the {@code fer.*} topics (frames, events, dead
 * letters, releases), and for the processor its consumer group, its internal topics and its transactional ids, which
 * all start with its {@code application.id}. The README's secured-cluster section lists the same.
 */
final class PipelineAcls {
    private PipelineAcls() {
    }

    static List<AclBinding> forUser(String user, String applicationId) {
        ResourcePattern ferTopics = new ResourcePattern(ResourceType.TOPIC, "fer.", PatternType.PREFIXED);
        ResourcePattern internalTopics = new ResourcePattern(ResourceType.TOPIC, applicationId + "-", PatternType.PREFIXED);
        ResourcePattern group = new ResourcePattern(ResourceType.GROUP, applicationId, PatternType.PREFIXED);
        ResourcePattern transactions = new ResourcePattern(ResourceType.TRANSACTIONAL_ID, applicationId, PatternType.PREFIXED);
        String principal = "User:" + user;
        return List.of(
                allow(ferTopics, principal, AclOperation.READ),
                allow(ferTopics, principal, AclOperation.WRITE),
                allow(internalTopics, principal, AclOperation.ALL),
                allow(group, principal, AclOperation.READ),
                allow(transactions, principal, AclOperation.WRITE));
    }

    private static AclBinding allow(ResourcePattern resource, String principal, AclOperation operation) {
        return new AclBinding(resource, new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW));
    }
}
