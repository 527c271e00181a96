/**
 * The console's forms: a bounded urlencoded body, the fields as trimmed text, `name=value`
 * lines, times as ISO text or epoch ms, and the redirect that follows every change (PRG).
 */
import { MiniKafkaError } from '@mini-kafka/protocol';
import type { Context } from 'hono';
import type { Env } from '../app-context.js';
import { readBytes } from '../read-body.js';

/** A console form's body at most: a produced value of up to ~60 KiB. */
export const MAX_FORM_BYTES = 64 * 1024;

export type Form = (name: string) => string;

export async function readForm(c: Context<Env>): Promise<Form> {
  const body = await readBytes(c, MAX_FORM_BYTES);
  const params = new URLSearchParams(body.toString('utf8'));
  return (name) => params.get(name)?.trim() ?? '';
}

/** `name=value` lines (blank lines skipped); at most `limit` of them. */
export function pairs(text: string, field: string, limit = 100): [string, string][] {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  if (lines.length > limit) throw new MiniKafkaError('INVALID_REQUEST', `${field}: at most ${limit} lines`);
  return lines.map((line, i) => {
    const at = line.indexOf('=');
    if (at <= 0) throw new MiniKafkaError('INVALID_REQUEST', `${field}: line ${i + 1} is not name=value`);
    return [line.slice(0, at).trim(), line.slice(at + 1).trim()];
  });
}

/** A non-negative integer, or undefined for an empty field. */
export function optionalInt(text: string, field: string): number | undefined {
  if (text === '') return undefined;
  if (!/^\d{1,15}$/.test(text)) throw new MiniKafkaError('INVALID_REQUEST', `${field} must be a whole number ≥ 0`);
  return Number(text);
}

/** Epoch ms from digits or an ISO date-time. */
export function parseTime(text: string, field: string): number {
  const ms = /^\d{1,15}$/.test(text) ? Number(text) : Date.parse(text);
  if (!Number.isFinite(ms)) throw new MiniKafkaError('INVALID_REQUEST', `${field} is not a time (ISO or epoch ms)`);
  return ms;
}

/** Back to a page, with a message for it to show. */
export function redirectWith(c: Context<Env>, path: string, message: { done: string } | { error: string }): Response {
  const [key, text] = 'done' in message ? ['done', message.done] : ['error', message.error];
  return c.redirect(`${path}${path.includes('?') ? '&' : '?'}${key}=${encodeURIComponent(text.slice(0, 500))}`, 303);
}

/** Runs a change, then redirects to `done` with its message, or back to `back` with the error's. */
export async function change(
  c: Context<Env>,
  back: string,
  run: () => Promise<{ path: string; message: string }>,
): Promise<Response> {
  try {
    const { path, message } = await run();
    return redirectWith(c, path, { done: message });
  } catch (error) {
    if (error instanceof MiniKafkaError) return redirectWith(c, back, { error: error.message });
    throw error;
  }
}
