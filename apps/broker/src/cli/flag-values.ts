/** Parsers of flag values for commander: integers, repeatable `key=value` pairs and lists. */
import { InvalidArgumentError } from 'commander';

/** An integer >= `min`. */
export function integer(min: number): (value: string) => number {
  return (value) => {
    const parsed = Number(value);
    if (value.trim() === '' || !Number.isSafeInteger(parsed) || parsed < min)
      throw new InvalidArgumentError(`expected an integer >= ${min}`);
    return parsed;
  };
}

/** A repeatable `key=value` flag, gathered in order. */
export function keyValue(value: string, previous: Array<[string, string]> = []): Array<[string, string]> {
  const at = value.indexOf('=');
  if (at <= 0) throw new InvalidArgumentError('expected key=value');
  return [...previous, [value.slice(0, at), value.slice(at + 1)]];
}

/** A repeatable flag, gathered in order. */
export function repeated(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** An ISO 8601 time (or ms since the epoch), as ms since the epoch. */
export function time(value: string): number {
  const parsed = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  if (!Number.isFinite(parsed)) throw new InvalidArgumentError('expected an ISO 8601 time, e.g. 2026-01-31T12:00:00Z');
  return parsed;
}
