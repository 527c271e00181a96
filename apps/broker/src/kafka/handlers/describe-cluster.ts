/**
 * DescribeCluster (60) v0–1: the cluster id, the controller and the one broker (node 0 at
 * the advertised address), from the AdminService as GET /v1/cluster answers.
 *
 * Behaviour: needs Describe on the cluster, else CLUSTER_AUTHORIZATION_FAILED (31);
 * authorized operations, when asked for, are what the session may do on the cluster
 * (authorized-operations.ts).
 * Version notes: v1 adds `endpointType`; a broker answers only for brokers (1), and a
 * request for controllers (2) is MISMATCHED_ENDPOINT_TYPE, as in Kafka.
 */
import { DescribeCluster } from '@mini-kafka/kafka-protocol';
import { mayOnCluster } from '../access.js';
import { adminService } from '../admin-answers.js';
import { authorizedOperations } from '../authorized-operations.js';
import { code, NONE } from '../error-codes.js';
import { defineHandler } from '../handler-registry.js';

const BROKERS = 1;

export const describeClusterHandler = defineHandler({
  codec: DescribeCluster,
  minVersion: 0,
  maxVersion: 1,
  async handle(request, source, ctx) {
    if (!mayOnCluster(ctx, source, 'Describe')) {
      return {
        throttleTimeMs: 0,
        errorCode: code('CLUSTER_AUTHORIZATION_FAILED'),
        errorMessage: 'Not authorized to Describe the cluster',
        endpointType: request.endpointType,
        clusterId: '',
        brokers: [],
      };
    }
    const cluster = adminService(ctx).describeCluster();
    if (request.endpointType !== BROKERS) {
      return {
        throttleTimeMs: 0,
        errorCode: code('MISMATCHED_ENDPOINT_TYPE'),
        errorMessage: `This broker describes brokers (endpoint type 1), not endpoint type ${request.endpointType}`,
        endpointType: request.endpointType,
        clusterId: cluster.clusterId,
        brokers: [],
      };
    }
    const { host, port } = ctx.advertised();
    return {
      throttleTimeMs: 0,
      errorCode: NONE,
      errorMessage: null,
      endpointType: BROKERS,
      clusterId: cluster.clusterId,
      controllerId: cluster.controllerId,
      brokers: cluster.brokers.map((broker) => ({ brokerId: broker.nodeId, host, port, rack: null })),
      clusterAuthorizedOperations: authorizedOperations(
        ctx.security.authorizer,
        source.session,
        'cluster',
        '',
        request.includeClusterAuthorizedOperations,
      ),
    };
  },
});
