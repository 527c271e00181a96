/**
 * SASL PLAIN, server side (RFC 4616): one client token, `authzid NUL authcid NUL passwd`,
 * in UTF-8. As in Kafka, the authorization id must be empty or the user's own name; the
 * password is checked against the user's stored SCRAM-SHA-512 credential (an unknown user
 * takes as long to refuse). The server's final message is empty.
 */
import {
  type CredentialSource,
  invalidCredentials,
  SaslFailure,
  type SaslServer,
  type SaslStep,
} from './sasl-server.js';

export class PlainServer implements SaslServer {
  readonly mechanism = 'PLAIN';
  claimedUser: string | undefined;
  private used = false;

  constructor(private readonly credentials: CredentialSource) {}

  async evaluate(token: Buffer): Promise<SaslStep> {
    if (this.used) throw new SaslFailure('Authentication failed: PLAIN takes one token');
    this.used = true;
    const parts = token.toString('utf8').split('\0');
    if (parts.length !== 3)
      throw new SaslFailure('Authentication failed: invalid PLAIN token (expected authzid, user and password)');
    const [authzid, user, password] = parts as [string, string, string];
    if (user === '' || password === '')
      throw new SaslFailure('Authentication failed: PLAIN user name and password must not be empty');
    this.claimedUser = user;
    if (authzid !== '' && authzid !== user)
      throw new SaslFailure('Authentication failed: the authorization id must be empty or the user name');
    if (!(await this.credentials.verifyPassword(user, password))) throw invalidCredentials(this.mechanism);
    return { complete: true, user, final: Buffer.alloc(0) };
  }
}
