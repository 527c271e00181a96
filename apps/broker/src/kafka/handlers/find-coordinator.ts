/** FindCoordinator (10) v0–2: this broker coordinates every group. Transactions are not supported. */
import { COORDINATOR_KEY_TYPE, FindCoordinator } from '@mini-kafka/kafka-protocol';
import { code, NONE } from '../error-codes.js';
import { defineHandler } from '../handler-registry.js';
import { NODE_ID } from '../kafka-context.js';

export const findCoordinatorHandler = defineHandler({
  codec: FindCoordinator,
  minVersion: 0,
  maxVersion: 2,
  async handle(request, _source, ctx) {
    if (request.keyType !== COORDINATOR_KEY_TYPE.group) {
      return {
        throttleTimeMs: 0,
        errorCode: code('COORDINATOR_NOT_AVAILABLE'),
        errorMessage: 'Transactions are not supported',
        nodeId: -1,
        host: '',
        port: -1,
      };
    }
    const { host, port } = ctx.advertised();
    return { throttleTimeMs: 0, errorCode: NONE, errorMessage: null, nodeId: NODE_ID, host, port };
  },
});
