import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { envName, kebabCase } from './broker-config.js';
import { ConfigError, loadConfig, usage } from './load-config.js';

describe('loadConfig', () => {
  it('uses the defaults of a fresh start: 127.0.0.1:8000, ./data, flush always', () => {
    const { config, sources } = loadConfig([], {}, '/srv/mk');
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: 8000,
      dataDir: '/srv/mk/data',
      flush: 'always',
      sessionTimeoutMs: 10_000,
      autoCreateTopics: true,
      defaultPartitions: 1,
      inMemory: false,
    });
    expect(sources.port).toBe('default');
  });

  it('takes flags over environment over file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mk-config-'));
    const file = join(dir, 'mini-kafka.json');
    writeFileSync(file, JSON.stringify({ port: 7000, host: '0.0.0.0', segmentBytes: 4096, retentionMs: -1 }));
    const { config, sources } = loadConfig(
      [
        '--config',
        file,
        '--port',
        '8123',
        '--data-dir',
        '/tmp/mk',
        '--session-timeout-ms',
        '3000',
        '--no-auto-create-topics',
      ],
      { MINI_KAFKA_PORT: '9000', MINI_KAFKA_HOST: '::1', MINI_KAFKA_FLUSH: 'never', MINI_KAFKA_IN_MEMORY: 'true' },
      dir,
    );
    expect(config).toMatchObject({
      port: 8123,
      host: '::1',
      dataDir: '/tmp/mk',
      sessionTimeoutMs: 3000,
      flush: 'never',
      inMemory: true,
      autoCreateTopics: false,
      segmentBytes: 4096,
      retentionMs: -1,
    });
    expect(sources).toMatchObject({ port: 'flag', host: 'env', segmentBytes: 'file', maxMessageBytes: 'default' });
  });

  it('limits topics and partitions broker-wide: 1,000 and 10,000 unless --max-topics and --max-partitions say', () => {
    expect(loadConfig([], {}).config).toMatchObject({ maxTopics: 1000, maxPartitions: 10_000 });
    expect(loadConfig(['--max-topics', '50'], { MINI_KAFKA_MAX_PARTITIONS: '200' }).config).toMatchObject({
      maxTopics: 50,
      maxPartitions: 200,
    });
    expect(() => loadConfig(['--max-topics', '0'], {})).toThrowError(/--max-topics/);
    expect(usage()).toContain('--max-partitions');
  });

  it('takes negative numbers as values: --kafka-port -1 turns the Kafka listener off', () => {
    expect(loadConfig(['--kafka-port', '-1', '--retention-ms', '-1'], {}).config).toMatchObject({
      kafkaPort: -1,
      retentionMs: -1,
    });
    expect(loadConfig(['--kafka-port=0'], {}).config.kafkaPort).toBe(0);
  });

  it('takes the allowed web origins as a comma-separated list, and refuses what is not an origin', () => {
    expect(loadConfig([], {}).config.allowedOrigins).toEqual([]);
    expect(
      loadConfig(['--allowed-origins', 'http://localhost:5173, https://console.example.com'], {}).config.allowedOrigins,
    ).toEqual(['http://localhost:5173', 'https://console.example.com']);
    expect(loadConfig([], { MINI_KAFKA_ALLOWED_ORIGINS: '*' }).config.allowedOrigins).toEqual(['*']);
    expect(() => loadConfig(['--allowed-origins', 'localhost:5173'], {})).toThrowError(/--allowed-origins/);
    expect(() => loadConfig(['--allowed-origins', 'http://a.example/path'], {})).toThrowError(/--allowed-origins/);
  });

  it('takes the security switches and lists from flags and the environment', () => {
    const { config } = loadConfig(['--auth', '--super-users', 'User:admin,User:ops', '--tls-client-auth', 'required'], {
      MINI_KAFKA_SASL_MECHANISMS: 'SCRAM-SHA-512',
    });
    expect(config).toMatchObject({
      auth: true,
      superUsers: ['User:admin', 'User:ops'],
      tlsClientAuth: 'required',
      saslMechanisms: ['SCRAM-SHA-512'],
      allowEveryoneIfNoAclFound: false,
    });
    expect(loadConfig(['--auth', '--no-auth'], {}).config.auth).toBe(false);
    expect(() => loadConfig(['--sasl-mechanisms', 'GSSAPI'], {})).toThrowError(/--sasl-mechanisms/);
  });

  it('reports every bad value with where it came from', () => {
    expect(() => loadConfig(['--port', 'eighty'], {})).toThrowError(/--port/);
    expect(() => loadConfig([], { MINI_KAFKA_FLUSH: 'sometimes' })).toThrowError(/MINI_KAFKA_FLUSH/);
    expect(() => loadConfig(['--port', '70000'], {})).toThrowError(ConfigError);
    expect(() => loadConfig(['--bogus'], {})).toThrowError(ConfigError);
    expect(() => loadConfig(['--config', '/nonexistent/file.json'], {})).toThrowError(/Cannot read config file/);
  });

  it('names the file and the key of a bad or unknown setting in a config file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mk-config-'));
    const file = join(dir, 'mini-kafka.json');
    writeFileSync(file, JSON.stringify({ flush: 'sometimes', sessionTimeout: 5 }));
    const load = () => loadConfig(['--config', file], {});
    expect(load).toThrowError(`flush in ${file}: `);
    expect(load).toThrowError(`sessionTimeout in ${file}: not a setting of the broker`);
  });

  it('names flags and variables consistently', () => {
    expect(kebabCase('sessionTimeoutMs')).toBe('session-timeout-ms');
    expect(envName('sessionTimeoutMs')).toBe('MINI_KAFKA_SESSION_TIMEOUT_MS');
    expect(usage()).toContain('--max-request-bytes');
  });
});
