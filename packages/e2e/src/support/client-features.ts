/**
 * One `it` per client feature, recorded for the compatibility matrix. `feature(name, fn)` is
 * an `it` whose outcome (pass, fail with the error, or a `ctx.skip(reason)` when the client
 * cannot do it) is recorded with `recordCompat`; `feature.skip(name, reason, fn)` is an
 * `it.skip` that records the reason: use it for a scenario that fails only because a broker
 * feature has not landed, naming the feature, and turn it back into `feature(...)` when it has.
 * When the whole client is missing, every feature is recorded as skipped with that reason.
 */
import { it, type TestContext } from 'vitest';
import { recordCompat } from './compat-results.js';

export type FeatureTest = (ctx: TestContext) => Promise<void>;

export interface ClientFeatures {
  (feature: string, fn: FeatureTest, timeoutMs?: number): void;
  /** Not run: `reason` names what is missing (a broker feature, usually). */
  skip(feature: string, reason: string, fn: FeatureTest): void;
}

/** Features of `client`; `missing` says why none can run here (the package is not installed). */
export function clientFeatures(client: string, missing: string | undefined): ClientFeatures {
  const features = ((feature: string, fn: FeatureTest, timeoutMs?: number) => {
    if (missing !== undefined) {
      recordCompat({ client, feature, status: 'skip', detail: missing });
      it.skip(feature, fn);
      return;
    }
    it(
      feature,
      async (ctx) => {
        try {
          await fn(ctx);
        } catch (error) {
          const pending = error as { code?: string; note?: string };
          if (pending.code === 'VITEST_PENDING') {
            recordCompat({ client, feature, status: 'skip', detail: pending.note ?? 'skipped' });
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
  }) as ClientFeatures;
  features.skip = (feature, reason, fn) => {
    recordCompat({ client, feature, status: 'skip', detail: missing ?? reason });
    it.skip(`${feature} (${reason})`, fn);
  };
  return features;
}
