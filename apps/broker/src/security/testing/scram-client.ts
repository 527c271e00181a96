/**
 * The client side of SCRAM (RFC 5802), for tests: builds client-first and, from the
 * server-first, client-final, and checks the server's signature. Test-only; not built.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { hash, hmac, type ScramMechanism, saltedPassword } from '../scram-credential.js';

export class ScramClient {
  readonly clientFirstBare: string;
  private authMessage = '';
  private serverKey: Buffer = Buffer.alloc(0);

  constructor(
    private readonly mechanism: ScramMechanism,
    user: string,
    private readonly password: string,
    readonly nonce = randomBytes(18).toString('base64'),
    private readonly gs2Header = 'n,,',
  ) {
    this.clientFirstBare = `n=${user.replaceAll('=', '=3D').replaceAll(',', '=2C')},r=${nonce}`;
  }

  clientFirst(): Buffer {
    return Buffer.from(this.gs2Header + this.clientFirstBare);
  }

  /** `repeatNonce`: write r= as librdkafka does, its own nonce again in front of the combined one. */
  async clientFinal(serverFirst: Buffer, repeatNonce = false): Promise<Buffer> {
    const text = serverFirst.toString();
    const fields = Object.fromEntries(text.split(',').map((part) => [part[0], part.slice(2)]));
    const salted = await saltedPassword(
      this.mechanism,
      this.password,
      Buffer.from(fields.s!, 'base64'),
      Number(fields.i),
    );
    const nonce = repeatNonce ? `${this.nonce}${fields.r}` : fields.r;
    const withoutProof = `c=${Buffer.from(this.gs2Header).toString('base64')},r=${nonce}`;
    this.authMessage = `${this.clientFirstBare},${text},${withoutProof}`;
    const clientKey = hmac(this.mechanism, salted, 'Client Key');
    const signature = hmac(this.mechanism, hash(this.mechanism, clientKey), this.authMessage);
    const proof = Buffer.from(clientKey.map((byte, i) => byte ^ signature[i]!));
    this.serverKey = hmac(this.mechanism, salted, 'Server Key');
    return Buffer.from(`${withoutProof},p=${proof.toString('base64')}`);
  }

  /** Whether the server-final proves the server knows the credential. */
  verifies(serverFinal: Buffer): boolean {
    const expected = Buffer.from(`v=${hmac(this.mechanism, this.serverKey, this.authMessage).toString('base64')}`);
    return expected.length === serverFinal.length && timingSafeEqual(expected, serverFinal);
  }
}
