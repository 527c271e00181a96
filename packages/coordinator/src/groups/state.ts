/**
 * Which kind a group is. The states both kinds share (`GroupState`, Kafka's names) are
 * @mini-kafka/protocol's, since the HTTP API answers them too.
 */

/**
 * The kind of a group: how members join and get their partitions. `http` groups get
 * server-side assignment (groups/http/); `kafka` groups run the Kafka wire protocol's
 * JoinGroup/SyncGroup with client-side assignment (groups/kafka/). One group id is one
 * kind at a time. (Not to be confused with a Kafka group's protocol type, `consumer`, or
 * its chosen protocol, the assignor name its members agreed on.)
 */
export type GroupKind = 'http' | 'kafka';
