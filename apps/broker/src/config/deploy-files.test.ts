/** The service files shipped in deploy/: the example config loads as it is, and the unit starts the broker with it. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './load-config.js';

const deploy = (name: string) => fileURLToPath(new URL(`../../deploy/${name}`, import.meta.url));

describe('deploy/', () => {
  it('holds an example config the broker loads, every key from the file', () => {
    const { config, sources } = loadConfig(['--config', deploy('mini-kafka.example.json')], {});
    expect(config.dataDir).toBe('/var/lib/mini-kafka');
    expect(config.defaultPartitions).toBe(3);
    const keys = Object.keys(JSON.parse(readFileSync(deploy('mini-kafka.example.json'), 'utf8')));
    for (const key of keys) expect(sources[key as keyof typeof sources]).toBe('file');
  });

  it('holds a systemd unit that runs mini-kafka with that config, stopping it with SIGTERM', () => {
    const unit = readFileSync(deploy('mini-kafka.service'), 'utf8');
    expect(unit).toMatch(/^ExecStart=\/usr\/bin\/env mini-kafka --config \/etc\/mini-kafka\/mini-kafka\.json$/m);
    expect(unit).toMatch(/^KillSignal=SIGTERM$/m);
    expect(unit).toMatch(/^ReadWritePaths=\/var\/lib\/mini-kafka$/m);
  });
});
