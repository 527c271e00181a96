/**
 * SaslHandshake (API key 17), versions 0-1; never flexible. A client names the SASL
 * mechanism it wants; the broker answers 0, or UNSUPPORTED_SASL_MECHANISM (33) with the
 * mechanisms it has enabled (it lists them in either case).
 *
 * v0: the SASL tokens that follow travel as raw size-prefixed frames, without Kafka headers.
 * v1: they travel in SaslAuthenticate requests (API key 36); otherwise v1 is v0.
 *
 *   SaslHandshake Request  => mechanism:STRING
 *   SaslHandshake Response => error_code:INT16 [mechanisms:STRING]
 */
import { defineSchemaApi } from '../../schema/define-schema-api.js';
import type { Message, MessageInput } from '../../schema/fields.js';
import { array, int16, string } from '../../schema/fields.js';

const request = {
  mechanism: string('0+'),
};

const response = {
  errorCode: int16('0+'),
  mechanisms: array('0+', 'string'),
};

export type SaslHandshakeRequest = Message<typeof request>;
export type SaslHandshakeResponse = MessageInput<typeof response>;

export const SaslHandshake = defineSchemaApi({
  name: 'SaslHandshake',
  minVersion: 0,
  maxVersion: 1,
  request,
  response,
});
