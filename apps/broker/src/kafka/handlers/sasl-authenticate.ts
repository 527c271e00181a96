/**
 * SaslAuthenticate (36) v0–2 outside an authentication exchange: after the connection has
 * authenticated, or on a listener without SASL. Kafka answers ILLEGAL_SASL_STATE (34) (this
 * broker does not re-authenticate connections, KIP-368), and so does this broker. Before
 * authentication on a SASL listener the connection answers it (../sasl-authentication.ts).
 */
import { SaslAuthenticate } from '@mini-kafka/kafka-protocol';
import { code } from '../error-codes.js';
import { defineHandler } from '../handler-registry.js';

export const saslAuthenticateHandler = defineHandler({
  codec: SaslAuthenticate,
  minVersion: 0,
  maxVersion: 2,
  handle: async (_request, _source, ctx) => ({
    errorCode: code('ILLEGAL_SASL_STATE'),
    errorMessage: ctx.security.kafkaProtocol.startsWith('SASL')
      ? 'SaslAuthenticate request received after successful authentication'
      : `SaslAuthenticate request received on a ${ctx.security.kafkaProtocol} listener`,
    authBytes: Buffer.alloc(0),
    sessionLifetimeMs: 0,
  }),
});
