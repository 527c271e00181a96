// Public surface of the SaslHandshake codec.
export { SaslHandshake, type SaslHandshakeRequest, type SaslHandshakeResponse } from './sasl-handshake.js';
