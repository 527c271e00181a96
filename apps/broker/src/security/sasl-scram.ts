/**
 * SCRAM-SHA-256 and SCRAM-SHA-512, server side (RFC 5802 with RFC 7677's hashes), as
 * Kafka's ScramSaslServer runs them. Three messages, in this order and once each:
 *
 *   client-first  `n,[a=authzid],n=<user>,r=<client nonce>[,ext=...]`
 *   server-first  `r=<client nonce><server nonce>,s=<base64 salt>,i=<iterations>`
 *   client-final  `c=<base64 gs2 header>,r=<both nonces>,p=<base64 proof>`
 *                 (as in Kafka, r= may have more in front: librdkafka repeats the client nonce)
 *   server-final  `v=<base64 ServerSignature>`
 *
 * The proof is checked against the stored key: ClientKey = proof XOR HMAC(StoredKey,
 * AuthMessage) must hash to StoredKey. Channel binding (`p=`) is refused, as in Kafka (the
 * gs2 flags `n` and `y` are accepted); so is the `tokenauth` extension (Kafka's delegation
 * tokens, which this broker does not issue). User names arrive with `,` and `=` escaped as
 * `=2C` and `=3D`. An unknown user gets a server-first from a stand-in credential (a salt
 * derived from its name) and fails at the proof, like a wrong password, so that the answer
 * does not tell which users exist.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import {
  type CredentialSource,
  invalidCredentials,
  SaslFailure,
  type SaslServer,
  type SaslStep,
} from './sasl-server.js';
import { hash, hmac, MIN_SCRAM_ITERATIONS, type ScramCredential, type ScramMechanism } from './scram-credential.js';

/** A nonce or attribute value: printable ASCII without ','. */
const PRINTABLE = /^[\x21-\x2b\x2d-\x7e]+$/;
/** `key=value`: one letter for SCRAM's own attributes, a word for Kafka's extensions. */
const ATTRIBUTE = /^([A-Za-z][A-Za-z0-9]*)=(.*)$/s;
/** Per process: makes stand-in salts for unknown users stable across attempts yet unguessable. */
const STAND_IN_SECRET = randomBytes(32);

const failure = (what: string): SaslFailure => new SaslFailure(`Authentication failed: invalid SCRAM ${what}`);

/** A SCRAM user name with `=2C` and `=3D` unescaped; undefined when another `=` escape appears. */
export function unescapeUserName(saslName: string): string | undefined {
  if (/=(?!2C|3D)/.test(saslName)) return undefined;
  return saslName.replaceAll('=2C', ',').replaceAll('=3D', '=');
}

/** The `,`-separated attributes of a message, each `x=value`. */
function attributes(message: string, what: string): { key: string; value: string }[] {
  return message.split(',').map((part) => {
    const match = ATTRIBUTE.exec(part);
    if (match === null) throw failure(what);
    return { key: match[1]!, value: match[2]! };
  });
}

export class ScramServer implements SaslServer {
  claimedUser: string | undefined;
  private step: 'client-first' | 'client-final' | 'done' = 'client-first';
  private gs2Header = '';
  private clientFirstBare = '';
  private serverFirst = '';
  private nonce = '';
  private credential: ScramCredential | undefined;

  constructor(
    readonly mechanism: ScramMechanism,
    private readonly credentials: CredentialSource,
    private readonly serverNonce: () => string = () => randomBytes(24).toString('base64'),
  ) {}

  async evaluate(token: Buffer): Promise<SaslStep> {
    const step = this.step;
    // Whatever happens, a message is taken once: a failure or a replay ends the exchange.
    this.step = 'done';
    const message = token.toString('utf8');
    if (step === 'client-first') return this.clientFirst(message);
    if (step === 'client-final') return this.clientFinal(message);
    throw new SaslFailure('Authentication failed: the SCRAM exchange is over');
  }

  private async clientFirst(message: string): Promise<SaslStep> {
    // gs2 header: a channel binding flag, an optional authorization id, then the bare message.
    const match = /^([^,]*),([^,]*),(.*)$/s.exec(message);
    if (match === null) throw failure('client-first message');
    const [, flag, authzidPart, bare] = match as unknown as [string, string, string, string];
    if (flag.startsWith('p=')) throw new SaslFailure('Authentication failed: SCRAM channel binding is not supported');
    if (flag !== 'n' && flag !== 'y') throw failure('client-first message');
    if (authzidPart !== '' && !authzidPart.startsWith('a=')) throw failure('client-first message');
    const fields = attributes(bare, 'client-first message');
    const [name, nonce, ...extensions] = fields;
    // A mandatory extension (`m=`) before the name is one this server cannot know: refused here too.
    if (name?.key !== 'n' || nonce?.key !== 'r' || !PRINTABLE.test(nonce.value)) throw failure('client-first message');
    const user = unescapeUserName(name.value);
    if (user === undefined || user === '') throw failure('user name');
    this.claimedUser = user;
    if (authzidPart !== '' && unescapeUserName(authzidPart.slice(2)) !== user)
      throw new SaslFailure('Authentication failed: the authorization id must be the user name');
    if (extensions.some((extension) => extension.key === 'tokenauth'))
      throw new SaslFailure('Authentication failed: delegation tokens are not supported');

    await this.credentials.refresh();
    // A user added a moment ago must be able to log in at once.
    if (this.credentials.scramCredential(user, this.mechanism) === undefined) await this.credentials.refresh(true);
    this.credential = this.credentials.scramCredential(user, this.mechanism) ?? this.standIn(user);
    this.gs2Header = `${flag},${authzidPart},`;
    this.clientFirstBare = bare;
    this.nonce = nonce.value + this.serverNonce();
    this.serverFirst = `r=${this.nonce},s=${this.credential.salt},i=${this.credential.iterations}`;
    this.step = 'client-final';
    return { complete: false, challenge: Buffer.from(this.serverFirst) };
  }

  private clientFinal(message: string): SaslStep {
    const proofAt = message.lastIndexOf(',p=');
    if (proofAt < 0) throw failure('client-final message');
    const withoutProof = message.slice(0, proofAt);
    const fields = attributes(withoutProof, 'client-final message');
    const [binding, nonce] = fields;
    if (binding?.key !== 'c' || nonce?.key !== 'r') throw failure('client-final message');
    if (binding.value !== Buffer.from(this.gs2Header).toString('base64')) throw failure('channel binding');
    // Kafka accepts a nonce that ends with the combined one: librdkafka sends its own nonce
    // again in front of it. The server's random part still ties the message to this exchange.
    if (!nonce.value.endsWith(this.nonce)) throw failure('nonce');
    const credential = this.credential!;
    const storedKey = Buffer.from(credential.storedKey, 'base64');
    const proof = Buffer.from(message.slice(proofAt + 3), 'base64');
    if (proof.length !== storedKey.length) throw invalidCredentials(this.mechanism);
    const authMessage = `${this.clientFirstBare},${this.serverFirst},${withoutProof}`;
    const clientSignature = hmac(this.mechanism, storedKey, authMessage);
    const clientKey = Buffer.alloc(proof.length);
    for (let i = 0; i < proof.length; i++) clientKey[i] = proof[i]! ^ clientSignature[i]!;
    if (!timingSafeEqual(hash(this.mechanism, clientKey), storedKey)) throw invalidCredentials(this.mechanism);
    const serverSignature = hmac(this.mechanism, Buffer.from(credential.serverKey, 'base64'), authMessage);
    return { complete: true, user: this.claimedUser!, final: Buffer.from(`v=${serverSignature.toString('base64')}`) };
  }

  /** What an unknown user is challenged with: no proof matches its random keys. */
  private standIn(user: string): ScramCredential {
    const keyLength = this.mechanism === 'SCRAM-SHA-256' ? 32 : 64;
    return {
      salt: hmac(this.mechanism, STAND_IN_SECRET, user).subarray(0, 32).toString('base64'),
      iterations: MIN_SCRAM_ITERATIONS,
      storedKey: randomBytes(keyLength).toString('base64'),
      serverKey: randomBytes(keyLength).toString('base64'),
    };
  }
}
