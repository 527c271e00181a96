/**
 * FindCoordinator (10) v0–4: this broker coordinates every group. v0–3 ask for one key and
 * are answered at the top; v4 asks for several (`coordinatorKeys`) and gets a coordinator
 * per key. This broker is also every transactional id's transaction coordinator (key type 1).
 * A group's coordinator needs Describe on the group (GROUP_AUTHORIZATION_FAILED otherwise), a
 * transactional id's Describe on the id (TRANSACTIONAL_ID_AUTHORIZATION_FAILED), as in Kafka.
 */
import { COORDINATOR_KEY_TYPE, type Coordinator, FindCoordinator } from '@mini-kafka/kafka-protocol';
import { mayOnGroup, mayOnTransactionalId } from '../access.js';
import { code, NONE } from '../error-codes.js';
import { defineHandler } from '../handler-registry.js';
import { type KafkaContext, NODE_ID, type RequestSource } from '../kafka-context.js';

/** The first version that asks for several keys. */
const BATCHED = 4;

/** This broker, when the session may Describe the resource; else `refused` with `message`. */
function thisBroker(key: string, ctx: KafkaContext, allowed: boolean, refused: number, message: string): Coordinator {
  if (!allowed) return { key, nodeId: -1, host: '', port: -1, errorCode: refused, errorMessage: message };
  const { host, port } = ctx.advertised();
  return { key, nodeId: NODE_ID, host, port, errorCode: NONE, errorMessage: null };
}

const groupCoordinator = (key: string, ctx: KafkaContext, source: RequestSource): Coordinator =>
  thisBroker(
    key,
    ctx,
    mayOnGroup(ctx, source, 'Describe', key),
    code('GROUP_AUTHORIZATION_FAILED'),
    'Not authorized to Describe the group',
  );

const transactionCoordinator = (key: string, ctx: KafkaContext, source: RequestSource): Coordinator =>
  thisBroker(
    key,
    ctx,
    mayOnTransactionalId(ctx, source, 'Describe', key),
    code('TRANSACTIONAL_ID_AUTHORIZATION_FAILED'),
    'Not authorized to Describe the transactional id',
  );

function invalidKeyType(key: string, keyType: number): Coordinator {
  return {
    key,
    nodeId: -1,
    host: '',
    port: -1,
    errorCode: code('INVALID_REQUEST'),
    errorMessage: `Unknown coordinator key type ${keyType}`,
  };
}

export const findCoordinatorHandler = defineHandler({
  codec: FindCoordinator,
  minVersion: 0,
  maxVersion: 4,
  async handle(request, source, ctx) {
    const coordinators = request.coordinatorKeys.map((key) => {
      if (request.keyType === COORDINATOR_KEY_TYPE.group) return groupCoordinator(key, ctx, source);
      if (request.keyType === COORDINATOR_KEY_TYPE.transaction) return transactionCoordinator(key, ctx, source);
      return invalidKeyType(key, request.keyType);
    });
    if (source.apiVersion >= BATCHED) return { throttleTimeMs: 0, coordinators };
    const [one] = coordinators;
    return {
      throttleTimeMs: 0,
      errorCode: one?.errorCode ?? code('INVALID_REQUEST'),
      errorMessage: one?.errorMessage ?? null,
      nodeId: one?.nodeId ?? -1,
      host: one?.host ?? '',
      port: one?.port ?? -1,
    };
  },
});
