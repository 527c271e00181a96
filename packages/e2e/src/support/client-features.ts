/**
 * One `it` per client feature, recorded for the compatibility matrix. `feature(name, fn)` is
 * an `it` whose outcome (pass, fail with the error, or a `ctx.skip(reason)` when the client
 * cannot do it) is recorded with `recordCompat`.
 *
 * A scenario that fails only because a broker feature has not landed is listed in `pending`
 * (feature → what the broker lacks, and the client's error today): it runs as an `it.skip`
 * and the matrix shows the reason. Delete the entry when the broker feature lands;
 * `MINI_KAFKA_RUN_PENDING=1` runs them anyway, to see which pass now. When the whole client is
 * missing, every feature is recorded as skipped with that reason. A feature the client has no
 * API for at all, found by reading its source, is `beyondClient`: skipped with the reason.
 */
import { afterAll, it, type TestContext } from 'vitest';
import { recordCompat } from './compat-results.js';

export type FeatureTest = (ctx: TestContext) => Promise<void>;

export type ClientFeatures = (feature: string, fn: FeatureTest, timeoutMs?: number) => void;

export interface ClientFeatureOptions {
  /** Why none of the features can run here (the client's package is not installed). */
  missing?: string | undefined;
  /** Features skipped until the broker has what they need: feature → the missing broker feature. */
  pending?: Readonly<Record<string, string>>;
}

/** Features of `client`. */
export function clientFeatures(client: string, options: ClientFeatureOptions = {}): ClientFeatures {
  const { missing, pending = {} } = options;
  const registered = new Set<string>();
  // A pending entry that names no feature (a typo, a renamed feature) would hide nothing and
  // say something false in the matrix: fail the file instead.
  afterAll(() => {
    const unknown = Object.keys(pending).filter((feature) => !registered.has(feature));
    if (unknown.length > 0) throw new Error(`${client}: pending entries name no feature: ${unknown.join(', ')}`);
  });
  const features: ClientFeatures = (feature, fn, timeoutMs) => {
    registered.add(feature);
    if (missing !== undefined) {
      recordCompat({ client, feature, status: 'skip', detail: missing });
      it.skip(feature, fn);
      return;
    }
    const waitingFor = pending[feature];
    if (waitingFor !== undefined && process.env.MINI_KAFKA_RUN_PENDING !== '1') {
      recordCompat({ client, feature, status: 'pending', detail: waitingFor });
      it.skip(`${feature} (pending: ${waitingFor})`, fn);
      return;
    }
    it(
      feature,
      async (ctx) => {
        try {
          await fn(ctx);
        } catch (error) {
          const pendingError = error as { code?: string; note?: string };
          if (pendingError.code === 'VITEST_PENDING') {
            recordCompat({ client, feature, status: 'skip', detail: pendingError.note ?? 'skipped' });
          } else {
            // The first line: the failed step and the client's own error, without the program's log.
            const message = String((error as Error).message ?? error).split('\n')[0] ?? '';
            recordCompat({ client, feature, status: 'fail', detail: message });
          }
          throw error;
        }
        recordCompat({ client, feature, status: 'pass', detail: '' });
      },
      timeoutMs,
    );
  };
  return features;
}

/**
 * A feature the client has no API for, found by reading its source at `checkedVersion`: the
 * test skips with `reason` while that version is installed. Under another version it fails
 * until someone reads the source again, so the matrix never repeats an unchecked claim.
 */
export function beyondClient(installed: string, checkedVersion: string, reason: string): FeatureTest {
  return async (ctx) => {
    if (installed !== checkedVersion) {
      throw new Error(`checked against ${checkedVersion} but ${installed} is installed: check again that ${reason}`);
    }
    ctx.skip(reason);
  };
}
