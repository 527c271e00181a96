/**
 * The client side of SASL on a Kafka connection: SaslHandshake v1 names the mechanism,
 * then SaslAuthenticate carries its messages. PLAIN sends the credentials once (use it over
 * TLS); SCRAM-SHA-256/512 follow RFC 5802 (client-first, server-first, client-final with
 * the proof, and the server's signature checked, so a broker that does not know the
 * password cannot pass for one that does). Errors name the mechanism and the user, never
 * the password.
 */
import { createHash, createHmac, pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto';
import { SaslAuthenticate, SaslHandshake } from '@mini-kafka/kafka-protocol';
import { MiniKafkaError } from '@mini-kafka/protocol';
import type { BrokerConnection } from './broker-connection.js';

export interface SaslSettings {
  mechanism: 'PLAIN' | 'SCRAM-SHA-256' | 'SCRAM-SHA-512';
  username: string;
  password: string;
}

function failed(settings: SaslSettings, why: string): MiniKafkaError {
  return new MiniKafkaError(
    'SASL_AUTHENTICATION_FAILED',
    `${settings.mechanism} as "${settings.username}" failed: ${why}`,
    {
      details: { mechanism: settings.mechanism },
    },
  );
}

async function exchange(connection: BrokerConnection, settings: SaslSettings, bytes: Buffer): Promise<Buffer> {
  const answer = await connection.request(SaslAuthenticate, { authBytes: bytes });
  if (answer.errorCode !== 0) throw failed(settings, answer.errorMessage ?? `error ${answer.errorCode}`);
  return answer.authBytes;
}

export async function authenticate(connection: BrokerConnection, settings: SaslSettings): Promise<void> {
  const handshake = await connection.request(SaslHandshake, { mechanism: settings.mechanism }, { minVersion: 1 });
  if (handshake.errorCode !== 0) {
    throw failed(settings, `the broker offers ${handshake.mechanisms.join(', ') || 'no mechanism'}`);
  }
  if (settings.mechanism === 'PLAIN') {
    await exchange(connection, settings, Buffer.from(`\u0000${settings.username}\u0000${settings.password}`, 'utf8'));
    return;
  }
  await scram(connection, settings);
}

const escapeName = (name: string): string => name.replaceAll('=', '=3D').replaceAll(',', '=2C');

async function scram(connection: BrokerConnection, settings: SaslSettings): Promise<void> {
  const hash = settings.mechanism === 'SCRAM-SHA-256' ? 'sha256' : 'sha512';
  const keyLength = hash === 'sha256' ? 32 : 64;
  const clientNonce = randomBytes(24).toString('base64');
  const clientFirstBare = `n=${escapeName(settings.username)},r=${clientNonce}`;
  const serverFirst = (await exchange(connection, settings, Buffer.from(`n,,${clientFirstBare}`))).toString('utf8');
  const fields = new Map(serverFirst.split(',').map((part) => [part.slice(0, 1), part.slice(2)]));
  const nonce = fields.get('r');
  const salt = fields.get('s');
  const iterations = Number(fields.get('i'));
  if (nonce === undefined || !nonce.startsWith(clientNonce) || salt === undefined || !Number.isInteger(iterations)) {
    throw failed(settings, 'the broker sent a malformed SCRAM challenge');
  }
  if (iterations < 4096 || iterations > 1_000_000)
    throw failed(settings, `the broker asks for ${iterations} iterations`);
  const salted = pbkdf2Sync(settings.password, Buffer.from(salt, 'base64'), iterations, keyLength, hash);
  const clientKey = createHmac(hash, salted).update('Client Key').digest();
  const storedKey = createHash(hash).update(clientKey).digest();
  const withoutProof = `c=biws,r=${nonce}`;
  const authMessage = `${clientFirstBare},${serverFirst},${withoutProof}`;
  const signature = createHmac(hash, storedKey).update(authMessage).digest();
  const proof = Buffer.from(clientKey.map((byte, i) => byte ^ signature[i]!));
  const serverFinal = (
    await exchange(connection, settings, Buffer.from(`${withoutProof},p=${proof.toString('base64')}`))
  ).toString('utf8');
  const serverKey = createHmac(hash, salted).update('Server Key').digest();
  const expected = createHmac(hash, serverKey).update(authMessage).digest();
  const verifier = Buffer.from(serverFinal.startsWith('v=') ? serverFinal.slice(2) : '', 'base64');
  if (verifier.length !== expected.length || !timingSafeEqual(verifier, expected)) {
    throw failed(settings, 'the broker could not prove it knows the password');
  }
}
