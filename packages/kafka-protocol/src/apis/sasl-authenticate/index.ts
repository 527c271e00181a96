// Public surface of the SaslAuthenticate codec.
export { SaslAuthenticate, type SaslAuthenticateRequest, type SaslAuthenticateResponse } from './sasl-authenticate.js';
