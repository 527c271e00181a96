/**
 * SaslAuthenticate (API key 36), versions 0-2; flexible from 2. After SaslHandshake v1, each
 * SASL token of the exchange travels in one of these: the client's in the request, the
 * broker's challenge or final message in the response. A failure is
 * SASL_AUTHENTICATION_FAILED (58) with a message; the broker then closes the connection.
 *
 * v1 adds session_lifetime_ms to the response (0: the session does not expire);
 * v2 is the flexible version.
 *
 *   SaslAuthenticate Request  => auth_bytes:BYTES
 *   SaslAuthenticate Response => error_code:INT16 error_message:NULLABLE_STRING auth_bytes:BYTES
 *                                session_lifetime_ms:INT64 (v1+)
 */
import { defineSchemaApi } from '../../schema/define-schema-api.js';
import type { Message, MessageInput } from '../../schema/fields.js';
import { bytes, int16, int64, string } from '../../schema/fields.js';

const request = {
  authBytes: bytes('0+'),
};

const response = {
  errorCode: int16('0+'),
  errorMessage: string('0+', { nullable: '0+' }),
  authBytes: bytes('0+'),
  sessionLifetimeMs: int64('1+'),
};

export type SaslAuthenticateRequest = Message<typeof request>;
export type SaslAuthenticateResponse = MessageInput<typeof response>;

export const SaslAuthenticate = defineSchemaApi({
  name: 'SaslAuthenticate',
  minVersion: 0,
  maxVersion: 2,
  request,
  response,
});
