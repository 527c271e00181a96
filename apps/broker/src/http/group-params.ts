/** The group and member path parameters of /v1/groups, checked by the protocol's schemas (both backends' routes). */
import { groupIdSchema, memberIdSchema } from '@mini-kafka/protocol';
import type { Context } from 'hono';
import * as z from 'zod';
import type { Env } from './app-context.js';
import { parseQuery } from './read-body.js';

// Built once: zod compiles a schema at its first parse, which costs ~200 times the parse itself.
const groupPath = z.object({ group: groupIdSchema });
const memberPath = z.object({ member: memberIdSchema });

export function groupParam(c: Context<Env>): string {
  return parseQuery(groupPath, { group: c.req.param('group') }, 'group id').group;
}

export function memberParam(c: Context<Env>): string {
  return parseQuery(memberPath, { member: c.req.param('member') }, 'member id').member;
}
