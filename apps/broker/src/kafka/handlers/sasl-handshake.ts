/**
 * SaslHandshake (17) v0–1 outside an authentication exchange. On a SASL listener the
 * connection itself answers it before the client has authenticated (see
 * ../sasl-authentication.ts); what reaches this handler comes after authentication, or on a
 * listener without SASL (PLAINTEXT, SSL). Kafka answers both with ILLEGAL_SASL_STATE (34)
 * and no mechanisms, and so does this broker.
 */
import { SaslHandshake } from '@mini-kafka/kafka-protocol';
import { code } from '../error-codes.js';
import { defineHandler } from '../handler-registry.js';

export const saslHandshakeHandler = defineHandler({
  codec: SaslHandshake,
  minVersion: 0,
  maxVersion: 1,
  handle: async () => ({ errorCode: code('ILLEGAL_SASL_STATE'), mechanisms: [] }),
});
