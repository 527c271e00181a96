/**
 * The ACL bindings the broker enforces, kept durably in the data directory:
 *
 *   <dataDir>/acls.json    { "version": 1, "acls": [ {principal, host, resourceType, ...}, ... ] }
 *
 * replaced atomically on every change (temporary file, fsync, rename, fsync of the directory),
 * so a change is acknowledged only once it survives a crash. Changes run one at a time. A file
 * that cannot be read stops the start: enforcing nothing because the ACLs are unreadable
 * would open everything. An in-memory broker keeps them in memory.
 */
import { join } from 'node:path';
import { aclBinding } from '@mini-kafka/protocol/acls';
import { MiniKafkaError } from '@mini-kafka/protocol/core';
import { type FileSystem, hasErrorCode } from '@mini-kafka/storage';
import * as z from 'zod';
import { type AclBinding, type AclFilter, aclProblem, filterMatches, sameAcl } from './acl.js';

export const ACLS_FILE = 'acls.json';
/** The most bindings held: each request's check reads them all. */
export const MAX_ACLS = 10_000;

/** A binding as the file (and the HTTP API) carries it: the schema is @mini-kafka/protocol's. */
export const aclBindingSchema = aclBinding;

const fileSchema = z.object({ version: z.literal(1), acls: z.array(aclBindingSchema) });

export interface AclStoreOptions {
  /** Where acls.json lives; none keeps the bindings in memory. */
  dataDir?: string;
  fs: FileSystem;
}

export class AclStore {
  private acls: AclBinding[];
  private writing: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly fs: FileSystem,
    private readonly path: string | undefined,
    acls: AclBinding[],
  ) {
    this.acls = acls;
  }

  static async open({ dataDir, fs }: AclStoreOptions): Promise<AclStore> {
    if (dataDir === undefined) return new AclStore(fs, undefined, []);
    const path = join(dataDir, ACLS_FILE);
    let text: string;
    try {
      text = (await fs.readFile(path)).toString('utf8');
    } catch (error) {
      if (hasErrorCode(error, 'ENOENT')) return new AclStore(fs, path, []);
      throw error;
    }
    let parsed: z.output<typeof fileSchema>;
    try {
      parsed = fileSchema.parse(JSON.parse(text));
    } catch {
      throw new MiniKafkaError('INVALID_CONFIG', `Cannot read the ACLs in ${path}: not a valid ACL file`);
    }
    return new AclStore(fs, path, parsed.acls);
  }

  all(): readonly AclBinding[] {
    return this.acls;
  }

  /** The bindings `filter` selects. */
  describe(filter: AclFilter): AclBinding[] {
    return this.acls.filter((acl) => filterMatches(filter, acl));
  }

  /**
   * Adds each binding not already held (a binding held already is no error, as in Kafka);
   * rejects with INVALID_REQUEST naming the first bad one, adding none.
   */
  async create(bindings: readonly AclBinding[]): Promise<void> {
    for (const acl of bindings) {
      const problem = aclProblem(acl);
      if (problem !== undefined) throw new MiniKafkaError('INVALID_REQUEST', `Invalid ACL: ${problem}`);
    }
    return this.change((held) => {
      const next = [...held];
      for (const acl of bindings) if (!next.some((have) => sameAcl(have, acl))) next.push({ ...acl });
      if (next.length > MAX_ACLS)
        throw new MiniKafkaError('POLICY_VIOLATION', `The broker holds at most ${MAX_ACLS} ACLs`);
      return { next, result: undefined };
    });
  }

  /** Removes every binding any of `filters` selects; resolves to the removed ones, per filter. */
  delete(filters: readonly AclFilter[]): Promise<AclBinding[][]> {
    return this.change((held) => {
      const removed = filters.map((filter) => held.filter((acl) => filterMatches(filter, acl)));
      const next = held.filter((acl) => !filters.some((filter) => filterMatches(filter, acl)));
      return { next, result: removed };
    });
  }

  /** Runs one change after the ones before it; the new list is in force once it is on disk. */
  private change<T>(make: (held: readonly AclBinding[]) => { next: AclBinding[]; result: T }): Promise<T> {
    const run = this.writing.then(async () => {
      const { next, result } = make(this.acls);
      if (this.path !== undefined && next.length !== this.acls.length) {
        const text = `${JSON.stringify({ version: 1, acls: next }, null, 2)}\n`;
        await this.fs.writeFileAtomic(this.path, Buffer.from(text));
      }
      this.acls = next;
      return result;
    });
    this.writing = run.catch(() => undefined);
    return run;
  }
}
