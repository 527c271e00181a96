/**
 * What a clean refusal of a full disk looks like to each client, and the tally of them.
 * - HTTP: 507 with JSON, the /v1 API's `{"error":{"code":56,"name":"KAFKA_STORAGE_ERROR",
 *   "message", "details":{"ioError":"ENOSPC"}}}` or the tutorial routes' `{"detail"}`, the
 *   message naming the cause ("no space left ...") and no path (neither the data directory
 *   nor the temporary directory it is in).
 * - kafkajs: a KafkaJSProtocolError of type KAFKA_STORAGE_ERROR (code 56), directly or as
 *   the cause of KafkaJSNumberOfRetriesExceeded (kafkajs retries it: it is retriable), or
 *   every error of a KafkaJSAggregateError (CreateTopics).
 * A partition a restart on the full disk could not open answers KAFKA_STORAGE_ERROR (500 or
 * 507) saying it is offline, naming no path ('offline-partition').
 * Anything else while the disk is full (another status, a 500, a dropped connection, another
 * Kafka error) is unclean: a problem, with what was seen.
 */
import { tmpdir } from 'node:os';

/** The operations refused, one name each, in the order the summary prints them. */
export const REFUSAL_KINDS = [
  'v1-produce',
  'tutorial-produce',
  'kafkajs-produce',
  'kafkajs-idempotent-produce',
  'init-producer-id',
  'v1-create',
  'tutorial-create',
  'auto-create',
  'kafka-create',
  'v1-commit',
  'kafkajs-commit',
  'offline-partition',
] as const;
export type RefusalKind = (typeof REFUSAL_KINDS)[number];

/** An HTTP answer as it came: status, text and parsed JSON (undefined when it is not JSON). */
export interface HttpAnswer {
  status: number;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: answers are read loosely; the checks below look at their shape.
  body: any;
}

export async function request(base: string, method: string, path: string, body?: unknown): Promise<HttpAnswer> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: body === undefined ? undefined : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text.length > 0 ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  return { status: response.status, text, body: parsed };
}

const NO_SPACE = /no space left on the data directory's device \(ENOSPC\)/;

/** Whether `text` names one of `hidden`'s paths or the temporary directory. */
export function namesPath(text: string, hidden: readonly string[]): boolean {
  return [...hidden, tmpdir()].some((path) => text.includes(path));
}

/** Why `answer` is not a clean full-disk refusal of its API, or undefined when it is one. */
export function uncleanHttpRefusal(
  answer: HttpAnswer,
  api: 'v1' | 'tutorial',
  hidden: readonly string[],
): string | undefined {
  const shown = `${answer.status} ${answer.text.slice(0, 300)}`;
  if (answer.status !== 507) return `status ${shown}`;
  if (namesPath(answer.text, hidden)) return `names a path: ${shown}`;
  if (api === 'tutorial') {
    return typeof answer.body?.detail === 'string' && NO_SPACE.test(answer.body.detail) ? undefined : `body ${shown}`;
  }
  const error = answer.body?.error;
  const clean =
    error?.code === 56 &&
    error.name === 'KAFKA_STORAGE_ERROR' &&
    typeof error.message === 'string' &&
    NO_SPACE.test(error.message) &&
    error.details?.ioError === 'ENOSPC';
  return clean ? undefined : `body ${shown}`;
}

interface KafkajsLikeError {
  name?: string;
  type?: string;
  message?: string;
  cause?: unknown;
  errors?: unknown[];
  partitions?: { partition: number; error?: { type?: string; message?: string } }[];
}

/** Whether a kafkajs error is KAFKA_STORAGE_ERROR, itself, as the cause of giving up, or for every topic of an aggregate. */
export function isKafkajsStorageError(error: unknown): boolean {
  let current = error as KafkajsLikeError | undefined;
  for (let depth = 0; depth < 5 && current !== undefined && current !== null; depth++) {
    if (current.type === 'KAFKA_STORAGE_ERROR') return true;
    if (Array.isArray(current.errors) && current.errors.length > 0) return current.errors.every(isKafkajsStorageError);
    current = current.cause as KafkajsLikeError | undefined;
  }
  return false;
}

/** A kafkajs error in a line: its name, type and message, its partitions' errors, and its cause's. */
export function describeKafkajsError(error: unknown): string {
  const parts: string[] = [];
  let current = error as KafkajsLikeError | undefined;
  for (let depth = 0; depth < 3 && current !== undefined && current !== null; depth++) {
    const partitions = current.partitions?.map(({ partition, error: e }) => `${partition}: ${e?.type ?? e?.message}`);
    parts.push(
      `${current.name ?? 'Error'}${current.type ? ` ${current.type}` : ''}: ${current.message ?? ''}` +
        (partitions?.length ? ` (${partitions.join(', ')})` : ''),
    );
    current = current.cause as KafkajsLikeError | undefined;
  }
  return parts.join(' <- ').slice(0, 400);
}

/** Refusals by kind; the unclean ones, and anything else found wrong, as problems. */
export class Refusals {
  readonly counts = Object.fromEntries(REFUSAL_KINDS.map((kind) => [kind, 0])) as Record<RefusalKind, number>;
  /** Answers on a full disk that were not clean refusals. */
  unclean = 0;
  /** Problems found, refusals or not (the first 20 are kept in `problems`). */
  found = 0;
  readonly problems: string[] = [];

  clean(kind: RefusalKind): void {
    this.counts[kind]++;
  }

  /** Counts a clean refusal of `kind`, or an unclean one naming what came instead. */
  http(kind: RefusalKind, answer: HttpAnswer, api: 'v1' | 'tutorial', hidden: readonly string[]): void {
    const why = uncleanHttpRefusal(answer, api, hidden);
    if (why === undefined) this.clean(kind);
    else this.uncleanRefusal(`${kind}: ${why}`);
  }

  kafkajs(kind: RefusalKind, error: unknown): void {
    if (isKafkajsStorageError(error)) this.clean(kind);
    else this.uncleanRefusal(`${kind}: ${describeKafkajsError(error)}`);
  }

  uncleanRefusal(text: string): void {
    this.unclean++;
    this.problem(text);
  }

  problem(text: string): void {
    this.found++;
    if (this.problems.length < 20) this.problems.push(text);
  }

  total(): number {
    return Object.values(this.counts).reduce((sum, n) => sum + n, 0);
  }
}
