/**
 * Builds the Go scenario programs under `packages/e2e/clients/go/` against Debian's Go
 * libraries, offline: `GO111MODULE=off GOPATH=<tmp>:/usr/share/gocode go build`. The
 * libraries come from `golang-github-shopify-sarama-dev` and
 * `golang-github-segmentio-kafka-go-dev` (`.ci/run` installs them); without Go or the
 * library, `goSkipReason` says why and the client's tests are skipped.
 *
 * A binary is built once per source and toolchain: it lands in the temporary directory under
 * a name that hashes the program's files, the library's import path and `go version`, so
 * every test file and every later run reuses it.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const GOCODE = process.env.MINI_KAFKA_GOCODE ?? '/usr/share/gocode';
const programsDir = fileURLToPath(new URL('../../clients/go/', import.meta.url));

function findGo(): string | undefined {
  for (const candidate of [process.env.MINI_KAFKA_GO_BIN, 'go', '/usr/lib/go/bin/go']) {
    if (candidate === undefined || candidate === '') continue;
    try {
      execFileSync(candidate, ['version'], { stdio: 'ignore' });
      return candidate;
    } catch {
      // not this one
    }
  }
  return undefined;
}

const goBinary = findGo();
const goVersion = goBinary === undefined ? undefined : execFileSync(goBinary, ['version'], { encoding: 'utf8' }).trim();

/** A Go library a scenario needs: the import paths it has had, newest first, and its Debian package. */
export interface GoLibrary {
  importPaths: string[];
  debianPackage: string;
}

export const SARAMA: GoLibrary = {
  importPaths: ['github.com/IBM/sarama', 'github.com/Shopify/sarama'],
  debianPackage: 'golang-github-shopify-sarama-dev',
};

export const KAFKA_GO: GoLibrary = {
  importPaths: ['github.com/segmentio/kafka-go'],
  debianPackage: 'golang-github-segmentio-kafka-go-dev',
};

/** The import path under which Debian installed `library`, or undefined. */
export function installedImportPath(library: GoLibrary): string | undefined {
  return library.importPaths.find((path) => existsSync(join(GOCODE, 'src', path)));
}

/** Why the scenarios of `library` cannot run here, or undefined when they can. */
export function goSkipReason(library: GoLibrary): string | undefined {
  if (goBinary === undefined) return 'Go is not installed (apt-get install golang-go)';
  if (installedImportPath(library) === undefined) {
    return `${library.importPaths.at(-1)} is not in ${GOCODE}/src (apt-get install ${library.debianPackage})`;
  }
  return undefined;
}

/** The upstream version of the installed Debian package of a library ("1.22.1" of "1.22.1-1"), or "unknown". */
export function debianVersion(library: GoLibrary): string {
  try {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: dpkg-query's own format syntax, not a template.
    const out = execFileSync('dpkg-query', ['-W', '-f=${Version}', library.debianPackage], { encoding: 'utf8' });
    return (
      out
        .trim()
        .replace(/^\d+:/, '')
        .replace(/-[^-]*$/, '') || 'unknown'
    );
  } catch {
    return 'unknown';
  }
}

/**
 * Builds `clients/go/<name>` (its sources import the library by its oldest path; they are
 * rewritten to the installed one) and resolves to the binary's path.
 */
export async function buildGoProgram(name: string, library: GoLibrary): Promise<string> {
  const reason = goSkipReason(library);
  if (reason !== undefined || goBinary === undefined) throw new Error(`cannot build ${name}: ${reason}`);
  const importPath = installedImportPath(library)!;
  const sourceDir = join(programsDir, name);
  const files = (await readdir(sourceDir)).filter((file) => file.endsWith('.go')).sort();
  const hash = createHash('sha256').update(`${goVersion}\n${importPath}\n`);
  for (const file of files) hash.update(`${file}\n`).update(await readFile(join(sourceDir, file)));
  const binary = join(tmpdir(), `mini-kafka-go-${name}-${hash.digest('hex').slice(0, 16)}`, name);
  if (existsSync(binary)) return binary;

  const work = await mkdtemp(join(tmpdir(), `mini-kafka-go-build-${name}-`));
  try {
    const packageDir = join(work, 'src', 'mini-kafka-scenarios', name);
    await mkdir(packageDir, { recursive: true });
    const oldestPath = library.importPaths.at(-1)!;
    for (const file of files) {
      const source = await readFile(join(sourceDir, file), 'utf8');
      await writeFile(join(packageDir, file), source.replaceAll(`"${oldestPath}"`, `"${importPath}"`));
    }
    const built = join(work, name);
    execFileSync(goBinary, ['build', '-o', built, '.'], {
      cwd: packageDir,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        GO111MODULE: 'off',
        GOPATH: `${work}:${GOCODE}`,
        GOCACHE: process.env.GOCACHE ?? join(tmpdir(), 'mini-kafka-go-cache'),
        GOFLAGS: '',
      },
    });
    await mkdir(join(binary, '..'), { recursive: true });
    // Another test file may be building the same program: the rename makes the last one win, whole.
    await rename(built, binary);
    return binary;
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? '';
    throw new Error(`go build of ${name} failed:\n${stderr.slice(-4000)}`);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
