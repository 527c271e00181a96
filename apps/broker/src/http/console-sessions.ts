/**
 * The web console's login sessions, in memory (a restart logs everyone out): a random
 * 32-byte id (base64url) in an HttpOnly, SameSite=Strict cookie names the principal that
 * logged in, for 8 hours. Ids are compared by lookup only, never logged.
 */
import { randomBytes } from 'node:crypto';

export const SESSION_COOKIE = 'mk_session';
export const SESSION_TTL_MS = 8 * 60 * 60 * 1000;
/** At most this many live sessions; the oldest goes first. */
const MAX_SESSIONS = 10_000;

export class ConsoleSessions {
  private readonly sessions = new Map<string, { principal: string; expiresAt: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  /** A new session for `principal`; resolves to its id. */
  open(principal: string): string {
    const id = randomBytes(32).toString('base64url');
    if (this.sessions.size >= MAX_SESSIONS) {
      const oldest = this.sessions.keys().next().value;
      if (oldest !== undefined) this.sessions.delete(oldest);
    }
    this.sessions.set(id, { principal, expiresAt: this.now() + SESSION_TTL_MS });
    return id;
  }

  /** The principal of a live session, or undefined. */
  principal(id: string): string | undefined {
    const session = this.sessions.get(id);
    if (session === undefined) return undefined;
    if (session.expiresAt <= this.now()) {
      this.sessions.delete(id);
      return undefined;
    }
    return session.principal;
  }

  close(id: string): void {
    this.sessions.delete(id);
  }
}

/** The Set-Cookie value for session `id` (an empty id with max age 0 clears it). */
export function sessionCookie(id: string, secure: boolean): string {
  const maxAge = id === '' ? 0 : SESSION_TTL_MS / 1000;
  return `${SESSION_COOKIE}=${id}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAge}${secure ? '; Secure' : ''}`;
}

/** The session id a request's Cookie header carries, or undefined. */
export function sessionIdOf(cookieHeader: string | undefined): string | undefined {
  if (cookieHeader === undefined) return undefined;
  for (const part of cookieHeader.split(';')) {
    const [name, value] = part.trim().split('=', 2);
    if (name === SESSION_COOKIE && value !== undefined && /^[A-Za-z0-9_-]{43}$/.test(value)) return value;
  }
  return undefined;
}
