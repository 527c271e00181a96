/** Every Kafka API this broker serves, registered once: the ApiVersions answer comes from here. */
import { HandlerRegistry } from './handler-registry.js';
import { addOffsetsToTxnHandler } from './handlers/add-offsets-to-txn.js';
import { addPartitionsToTxnHandler } from './handlers/add-partitions-to-txn.js';
import { alterConfigsHandler } from './handlers/alter-configs.js';
import { apiVersionsHandler } from './handlers/api-versions.js';
import { createAclsHandler } from './handlers/create-acls.js';
import { createPartitionsHandler } from './handlers/create-partitions.js';
import { createTopicsHandler } from './handlers/create-topics.js';
import { deleteAclsHandler } from './handlers/delete-acls.js';
import { deleteGroupsHandler } from './handlers/delete-groups.js';
import { deleteRecordsHandler } from './handlers/delete-records.js';
import { deleteTopicsHandler } from './handlers/delete-topics.js';
import { describeAclsHandler } from './handlers/describe-acls.js';
import { describeClusterHandler } from './handlers/describe-cluster.js';
import { describeConfigsHandler } from './handlers/describe-configs.js';
import { describeGroupsHandler } from './handlers/describe-groups.js';
import { describeLogDirsHandler } from './handlers/describe-log-dirs.js';
import { describeProducersHandler } from './handlers/describe-producers.js';
import { describeTransactionsHandler } from './handlers/describe-transactions.js';
import { endTxnHandler } from './handlers/end-txn.js';
import { fetchHandler } from './handlers/fetch.js';
import { findCoordinatorHandler } from './handlers/find-coordinator.js';
import { heartbeatHandler } from './handlers/heartbeat.js';
import { incrementalAlterConfigsHandler } from './handlers/incremental-alter-configs.js';
import { initProducerIdHandler } from './handlers/init-producer-id.js';
import { joinGroupHandler } from './handlers/join-group.js';
import { leaveGroupHandler } from './handlers/leave-group.js';
import { listGroupsHandler } from './handlers/list-groups.js';
import { listOffsetsHandler } from './handlers/list-offsets.js';
import { listTransactionsHandler } from './handlers/list-transactions.js';
import { metadataHandler } from './handlers/metadata.js';
import { offsetCommitHandler } from './handlers/offset-commit.js';
import { offsetDeleteHandler } from './handlers/offset-delete.js';
import { offsetFetchHandler } from './handlers/offset-fetch.js';
import { produceHandler } from './handlers/produce.js';
import { saslAuthenticateHandler } from './handlers/sasl-authenticate.js';
import { saslHandshakeHandler } from './handlers/sasl-handshake.js';
import { syncGroupHandler } from './handlers/sync-group.js';
import { txnOffsetCommitHandler } from './handlers/txn-offset-commit.js';

export function kafkaHandlers(): HandlerRegistry {
  const registry = new HandlerRegistry();
  registry
    .register(produceHandler)
    .register(fetchHandler)
    .register(listOffsetsHandler)
    .register(metadataHandler)
    .register(findCoordinatorHandler)
    .register(createTopicsHandler)
    .register(deleteTopicsHandler)
    .register(deleteRecordsHandler)
    .register(describeConfigsHandler)
    .register(alterConfigsHandler)
    .register(describeLogDirsHandler)
    .register(createPartitionsHandler)
    .register(incrementalAlterConfigsHandler)
    .register(describeClusterHandler)
    .register(offsetCommitHandler)
    .register(offsetFetchHandler)
    .register(joinGroupHandler)
    .register(heartbeatHandler)
    .register(leaveGroupHandler)
    .register(syncGroupHandler)
    .register(describeGroupsHandler)
    .register(listGroupsHandler)
    .register(deleteGroupsHandler)
    .register(offsetDeleteHandler)
    .register(initProducerIdHandler)
    .register(addPartitionsToTxnHandler)
    .register(addOffsetsToTxnHandler)
    .register(endTxnHandler)
    .register(txnOffsetCommitHandler)
    .register(describeProducersHandler)
    .register(describeTransactionsHandler)
    .register(listTransactionsHandler)
    .register(describeAclsHandler)
    .register(createAclsHandler)
    .register(deleteAclsHandler);
  registry.register(saslHandshakeHandler).register(saslAuthenticateHandler);
  registry.register(apiVersionsHandler(registry));
  return registry;
}
