/**
 * Bundles the `mini-kafka` command (src/main.ts) into dist/main.js, with its source map, so
 * that starting the broker reads a few files instead of resolving and compiling some 400
 * modules (the workspace packages, hono, zod, pino, prom-client). Code that is loaded on demand (the HTTP
 * routes, the Kafka handlers, `verify`) goes into dist/chunks/ and still loads on demand.
 * The library entry (dist/index.js) stays tsc's, module by module.
 *
 * Left outside the bundle, loaded from node_modules: every dependency except the ones
 * inlined below (native add-ons, codecs loaded by name). The bundle imports them from this
 * package, so they are this package's own dependencies, including the ones only the storage
 * package uses. pino is inlined without its transports (they run files of their own in worker
 * threads): the broker logs through a synchronous destination, never a transport. The CommonJS
 * modules inlined (pino's) get a `require` for Node's built-in modules.
 */
import { readFileSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

const INLINED = ['hono', '@hono/node-server', 'zod', 'pino', 'prom-client'];
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const external = Object.keys(pkg.dependencies).filter(
  (name) => !name.startsWith('@mini-kafka/') && !INLINED.includes(name),
);

const root = new URL('..', import.meta.url).pathname;
rmSync(`${root}dist/chunks`, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: ['src/main.ts'],
  outdir: 'dist',
  entryNames: '[name]',
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  // Workspace packages from their TypeScript source, as the tests run them.
  conditions: ['@mini-kafka/source'],
  external,
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
  sourcemap: 'linked',
  logLevel: 'warning',
});
