/**
 * The published shape of every package: `pnpm pack` yields a tarball that installs with
 * npm into an empty project (with the tarballs of the workspace packages it depends on,
 * as the registry would provide them) and type-checks there, importing only `dist`. The
 * broker's installed `mini-kafka` command (what `npx @mini-kafka/broker` runs) starts, serves
 * `/health` and `/metrics`, and stops cleanly on SIGTERM.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');
const work = mkdtempSync(join(tmpdir(), 'mini-kafka-packs-'));
const packs = join(work, 'packs');

interface Manifest {
  name: string;
  version: string;
  private?: boolean;
  dependencies?: Record<string, string>;
  exports?: Record<string, Record<string, string>>;
  files?: string[];
}

/** Every published package of the workspace: packages/* and apps/* that are not private. */
const manifests = new Map<string, { dir: string; manifest: Manifest }>(
  ['packages', 'apps']
    .flatMap((parent) => readdirSync(join(root, parent)).map((name) => join(parent, name)))
    .filter((dir) => existsSync(join(root, dir, 'package.json')))
    .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8')) as Manifest }))
    .filter(({ manifest }) => manifest.private !== true)
    .map(({ dir, manifest }) => [manifest.name, { dir, manifest }]),
);

/** What each package's smoke file uses, so the check exercises real exported types. */
const usage: Record<string, string> = {
  '@mini-kafka/protocol': `import { MiniKafkaError, assertValidTopicName } from '@mini-kafka/protocol';
assertValidTopicName('orders');
const error: MiniKafkaError = new MiniKafkaError('OFFSET_OUT_OF_RANGE', 'x');
export const code: number = error.code;`,
  '@mini-kafka/storage': `import { LogManager, MemoryLog, encodeRecordBatch, type PartitionLog } from '@mini-kafka/storage';
const log: PartitionLog = new MemoryLog();
export const appended = log.append([{ key: 'k', value: 'v' }]);
export const bytes: Buffer = encodeRecordBatch([{ value: 'v' }]);
export const open: typeof LogManager.open = LogManager.open;`,
};

function tarballName(name: string, version: string): string {
  return `${name.replace('@', '').replace('/', '-')}-${version}.tgz`;
}

function workspaceDependencies(name: string, seen = new Set<string>()): Set<string> {
  for (const dependency of Object.keys(manifests.get(name)!.manifest.dependencies ?? {})) {
    if (manifests.has(dependency) && !seen.has(dependency)) {
      seen.add(dependency);
      workspaceDependencies(dependency, seen);
    }
  }
  return seen;
}

beforeAll(() => {
  for (const { dir } of manifests.values()) {
    execFileSync('pnpm', ['pack', '--pack-destination', packs], { cwd: join(root, dir), stdio: 'pipe' });
  }
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Starts the `mini-kafka` command installed in `project`, checks it serves, and stops it with SIGTERM. */
async function runInstalledBroker(project: string): Promise<void> {
  const bin = join(project, 'node_modules/.bin/mini-kafka');
  const child = spawn(bin, ['--port', '0', '--kafka-port', '0', '--in-memory'], { cwd: project, stdio: 'pipe' });
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  try {
    const url = await new Promise<string>((found, failed) => {
      child.once('exit', (code) => failed(new Error(`mini-kafka exited with ${code} before it was ready`)));
      createInterface({ input: child.stdout! }).on('line', (line) => {
        const entry = JSON.parse(line) as { msg?: string; url?: string };
        if (entry.msg === 'broker ready' && entry.url !== undefined) found(entry.url);
      });
    });
    expect((await fetch(`${url}/health`)).status).toBe(200);
    const metrics = await fetch(`${url}/metrics`);
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toContain('# TYPE mini_kafka_http_requests_total counter');
  } finally {
    child.kill('SIGTERM');
  }
  expect(await exited).toBe(0);
}

describe('published packages', () => {
  for (const [name, { manifest }] of manifests) {
    it(`${name} installs from its tarball and type-checks alone`, async () => {
      const tarball = join(packs, tarballName(name, manifest.version));
      const listing = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).split('\n').filter(Boolean);
      expect(listing).toContain('package/dist/index.js');
      expect(listing).toContain('package/dist/index.d.ts');
      expect(listing.some((file) => file.startsWith('package/src/'))).toBe(false);
      expect(listing.some((file) => file.endsWith('.test.js'))).toBe(false);
      const packed = JSON.parse(
        execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' }),
      ) as Manifest;
      expect(JSON.stringify(packed.exports)).not.toContain('@mini-kafka/source');
      expect(JSON.stringify(packed.dependencies ?? {})).not.toContain('workspace:');

      const project = mkdtempSync(join(work, 'project-'));
      const localTarballs = [name, ...workspaceDependencies(name)].map((dependency) =>
        join(packs, tarballName(dependency, manifests.get(dependency)!.manifest.version)),
      );
      writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
      execFileSync(
        'npm',
        [
          'install',
          '--no-audit',
          '--no-fund',
          '--loglevel=error',
          ...localTarballs,
          'typescript@5.9.3',
          '@types/node@20.19.43',
        ],
        { cwd: project, stdio: 'pipe' },
      );
      writeFileSync(
        join(project, 'tsconfig.json'),
        JSON.stringify({
          compilerOptions: {
            strict: true,
            module: 'NodeNext',
            moduleResolution: 'NodeNext',
            target: 'ES2022',
            noEmit: true,
            types: ['node'],
          },
          include: ['index.ts'],
        }),
      );
      writeFileSync(
        join(project, 'index.ts'),
        usage[name] ?? `import * as mod from '${name}';\nexport const loaded = mod;\n`,
      );
      execFileSync(join(project, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.json'], { cwd: project, stdio: 'pipe' });
      const installed = readdirSync(join(project, 'node_modules', '@mini-kafka'));
      expect(installed).toContain(name.split('/')[1]);
      if (name === '@mini-kafka/broker') await runInstalledBroker(project);
    });
  }
});
