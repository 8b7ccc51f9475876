package io.platform.common.catalog;

import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.ConsumerSeekAware;

/** Reads the whole compacted catalog topic from the beginning on every start, in its own consumer group. */
public class CatalogReplicaListener implements ConsumerSeekAware {

    private final CatalogReplica replica;

    public CatalogReplicaListener(CatalogReplica replica) {
        this.replica = replica;
    }

    @KafkaListener(id = "catalog-replica", idIsGroup = false,
            groupId = "${spring.application.name}-catalog-replica-${random.uuid}",
            topics = "platform.catalog.v1")
    public void onCatalogRecord(ConsumerRecord<String, SpecificRecord> record) {
        replica.apply(record.key(), record.value());
    }

    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        callback.seekToBeginning(assignments.keySet());
    }
}
