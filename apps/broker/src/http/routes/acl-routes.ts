/**
 * Kafka's ACL APIs over HTTP, and who the broker takes the caller for:
 *
 *   GET    /v1/acls?<filter>   DescribeAcls: the bindings the filter selects   (Describe on the cluster)
 *   POST   /v1/acls {acls}     CreateAcls: adds each binding not held yet      (Alter on the cluster)
 *   DELETE /v1/acls?<filter>   DeleteAcls: removes what the filter selects     (Alter on the cluster)
 *   GET    /v1/whoami          the caller's principal, whether it authenticated, whether it is a super user
 *
 * With authentication off the ACL routes answer 400 SECURITY_DISABLED, as Kafka's do without
 * an authorizer. DELETE needs at least one filter field: an empty filter would remove every
 * binding by accident.
 */
import {
  aclFilter,
  type CreateAclsResponse,
  createAclsRequest,
  type DeleteAclsResponse,
  type DescribeAclsResponse,
  MiniKafkaError,
  type WhoAmIResponse,
} from '@mini-kafka/protocol';
import { type Context, Hono } from 'hono';
import { CLUSTER } from '../../security/acl.js';
import type { AppContext, Env } from '../app-context.js';
import { requireAllowed, sessionOf } from '../authorize.js';
import { parseQuery, readJson } from '../read-body.js';

export function aclRoutes(ctx: AppContext): Hono<Env> {
  const app = new Hono<Env>();
  const { security } = ctx;
  const enabled = (c: Context<Env>, operation: 'Describe' | 'Alter'): void => {
    if (!security.enabled) {
      throw new MiniKafkaError(
        'SECURITY_DISABLED',
        'ACLs are not enforced: the broker runs without authentication (--auth)',
      );
    }
    requireAllowed(ctx, c, operation, CLUSTER);
  };

  app.get('/acls', (c) => {
    enabled(c, 'Describe');
    const filter = parseQuery(aclFilter, c.req.query());
    return c.json({ acls: security.acls.describe(filter) } satisfies DescribeAclsResponse);
  });

  app.post('/acls', async (c) => {
    enabled(c, 'Alter');
    const { acls } = await readJson(c, createAclsRequest, ctx.config.maxRequestBytes);
    await security.acls.create(acls);
    ctx.logger.info({ principal: sessionOf(c).principal, count: acls.length }, 'ACLs created');
    return c.json({ created: acls } satisfies CreateAclsResponse, 201);
  });

  app.delete('/acls', async (c) => {
    enabled(c, 'Alter');
    const filter = parseQuery(aclFilter, c.req.query());
    if (Object.values(filter).every((value) => value === undefined)) {
      throw new MiniKafkaError('INVALID_REQUEST', 'DELETE /v1/acls needs at least one filter field');
    }
    const [deleted = []] = await security.acls.delete([filter]);
    ctx.logger.info({ principal: sessionOf(c).principal, count: deleted.length }, 'ACLs deleted');
    return c.json({ deleted } satisfies DeleteAclsResponse);
  });

  app.get('/whoami', (c) => {
    const { principal } = sessionOf(c);
    const body: WhoAmIResponse = {
      principal,
      authenticated: c.get('authenticated') === true,
      superUser: security.enabled && security.authorizer.isSuperUser(principal),
    };
    return c.json(body);
  });

  return app;
}
