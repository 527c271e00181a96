import { systemClock } from '@mini-kafka/protocol/core';
import { nodeFileSystem } from '@mini-kafka/storage';
import { describe, expect, it } from 'vitest';
import { brokerConfigSchema } from '../config/broker-config.js';
import { exposureWarnings, kafkaProtocolOf, openSecurity } from './security.js';

const config = (input: Record<string, unknown>) => brokerConfigSchema.parse({ inMemory: true, ...input });

describe('security settings', () => {
  it('warn when the broker listens beyond loopback with authentication off, or on without TLS', () => {
    expect(exposureWarnings(config({ host: '0.0.0.0' }))).toEqual([expect.stringMatching(/authentication is off/)]);
    expect(exposureWarnings(config({ host: '192.168.1.20' }))).toEqual([expect.stringMatching(/192\.168\.1\.20/)]);
    const tls = { tlsCertFile: 'c', tlsKeyFile: 'k' };
    expect(exposureWarnings(config({ host: '0.0.0.0', auth: true, ...tls }))).toEqual([]);
    expect(exposureWarnings(config({ host: '0.0.0.0', auth: true }))).toEqual([expect.stringMatching(/in clear/)]);
    expect(
      exposureWarnings(config({ host: '0.0.0.0', auth: true, kafkaSecurityProtocol: 'PLAINTEXT', ...tls })),
    ).toEqual([expect.stringMatching(/ANONYMOUS/)]);
    for (const host of ['127.0.0.1', '127.0.1.1', 'localhost', '::1']) {
      expect(exposureWarnings(config({ host, auth: true }))).toEqual([]);
      expect(exposureWarnings(config({ host }))).toEqual([]);
    }
  });

  it("derive the Kafka listener's protocol from auth and TLS unless it is set", () => {
    expect(kafkaProtocolOf(config({}))).toBe('PLAINTEXT');
    expect(kafkaProtocolOf(config({ auth: true }))).toBe('SASL_PLAINTEXT');
    expect(kafkaProtocolOf(config({ auth: true, tlsCertFile: 'c', tlsKeyFile: 'k' }))).toBe('SASL_SSL');
    expect(kafkaProtocolOf(config({ tlsCertFile: 'c', tlsKeyFile: 'k' }))).toBe('SSL');
    expect(kafkaProtocolOf(config({ auth: true, kafkaSecurityProtocol: 'SSL' }))).toBe('SSL');
  });

  it('refuse TLS settings that cannot work', async () => {
    await expect(openSecurity(config({ tlsCertFile: 'c' }), nodeFileSystem, systemClock)).rejects.toThrow(/both/);
    await expect(
      openSecurity(config({ kafkaSecurityProtocol: 'SASL_SSL' }), nodeFileSystem, systemClock),
    ).rejects.toThrow(/tls-cert-file/);
  });

  it('read lists of super users and mechanisms from flags and files alike', () => {
    const parsed = config({ superUsers: 'User:admin, User:ops', saslMechanisms: 'SCRAM-SHA-512' });
    expect(parsed.superUsers).toEqual(['User:admin', 'User:ops']);
    expect(parsed.saslMechanisms).toEqual(['SCRAM-SHA-512']);
    expect(() => config({ superUsers: 'admin' })).toThrow();
  });
});
