/**
 * FindCoordinator (API key 10), versions 0-4; flexible from 3.
 *
 * Fields per Kafka's FindCoordinatorRequest/FindCoordinatorResponse definitions: the key
 * type from v1 (0 group, 1 transaction); v0-3 ask for one key and answer one coordinator
 * at the top (error message from v1); v4 asks for several keys (`coordinatorKeys`) and
 * answers a coordinator per key, each with its own error.
 *
 * The decoded request names its keys the same way in every version: v0-3's one key
 * becomes a one-key `coordinatorKeys` list.
 */
import { defineSchemaApi } from '../../schema/define-schema-api.js';
import type { Message, MessageInput } from '../../schema/fields.js';
import { array, int8, int16, int32, string } from '../../schema/fields.js';

export const COORDINATOR_KEY_TYPE = { group: 0, transaction: 1 } as const;

const request = {
  key: string('0-3'),
  keyType: int8('1+'),
  coordinatorKeys: array('4+', 'string'),
};

const response = {
  throttleTimeMs: int32('1+'),
  errorCode: int16('0-3'),
  errorMessage: string('1-3', { nullable: '1-3' }),
  nodeId: int32('0-3'),
  host: string('0-3'),
  port: int32('0-3'),
  coordinators: array('4+', {
    key: string('4+'),
    nodeId: int32('4+'),
    host: string('4+'),
    port: int32('4+'),
    errorCode: int16('4+'),
    errorMessage: string('4+', { nullable: '4+' }),
  }),
};

export type FindCoordinatorRequest = Message<typeof request>;
export type FindCoordinatorResponse = MessageInput<typeof response>;
export type Coordinator = NonNullable<FindCoordinatorResponse['coordinators']>[number];

export const FindCoordinator = defineSchemaApi({
  name: 'FindCoordinator',
  minVersion: 0,
  maxVersion: 4,
  request,
  response,
  normalizeRequest: oneShape,
});

function oneShape(decoded: FindCoordinatorRequest, version: number): FindCoordinatorRequest {
  return version <= 3 ? { ...decoded, coordinatorKeys: [decoded.key] } : decoded;
}
