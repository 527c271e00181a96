/**
 * `mini-kafka acls list|add|remove`: Kafka's ACLs through the SDK's `admin.acls`, with
 * kafka-acls' flag names where they fit: `--principal User:alice`, `--operation Read`,
 * `--topic T | --group G | --cluster | --transactional-id X`, `--host`, `--deny`, and
 * `--resource-pattern-type literal|prefixed|match` (or `--prefixed`). The broker must have
 * authentication on (else SECURITY_DISABLED) and the caller be allowed to manage ACLs.
 */
import type { AclBinding, AclFilter, AclOperation, AclResourceType } from '@mini-kafka/client';
import { ACL_OPERATIONS } from '@mini-kafka/protocol/acls';
import { Command, Option } from 'commander';
import type { CliContext } from './cli-context.js';
import { formatJson, formatTable } from './cli-output.js';
import { type ClientFlags, connect, withClientFlags } from './client-flags.js';
import { UsageError } from './exit-codes.js';
import { repeated } from './flag-values.js';

const OPERATIONS: readonly AclOperation[] = ACL_OPERATIONS;
const CLUSTER_NAME = 'kafka-cluster';

interface ResourceFlags {
  topic?: string;
  group?: string;
  cluster?: boolean;
  transactionalId?: string;
}

interface FilterFlags extends ClientFlags, ResourceFlags {
  principal?: string;
  host?: string;
  operation?: string;
  permission?: string;
  resourcePatternType?: string;
  prefixed?: boolean;
}

interface AddFlags extends ClientFlags, ResourceFlags {
  principal: string[];
  operation: string[];
  host: string;
  deny?: boolean;
  prefixed?: boolean;
}

function withResourceFlags(command: Command): Command {
  return command
    .option('--topic <name>', 'a topic (or a prefix with --prefixed; * for every topic)')
    .option('--group <id>', 'a consumer group (or a prefix with --prefixed; * for every group)')
    .option('--cluster', `the cluster (${CLUSTER_NAME})`)
    .option('--transactional-id <id>', 'a transactional id');
}

function withFilterFlags(command: Command): Command {
  return withResourceFlags(command)
    .option('--principal <principal>', 'only bindings of this principal, e.g. User:alice')
    .option('--host <host>', 'only bindings of this host')
    .option('--operation <operation>', `only bindings of this operation: ${OPERATIONS.join(', ')}`)
    .addOption(new Option('--permission <permission>', 'only allows or only denies').choices(['allow', 'deny']))
    .addOption(
      new Option(
        '--resource-pattern-type <type>',
        'literal or prefixed bindings only, or match: every binding that applies to the resource named',
      ).choices(['literal', 'prefixed', 'match']),
    )
    .option('--prefixed', 'the same as --resource-pattern-type prefixed');
}

export function aclsCommand(ctx: CliContext): Command {
  const acls = new Command('acls').description('list, add and remove ACLs (the broker needs --auth)');

  withClientFlags(withFilterFlags(acls.command('list').description('list the ACLs the filter flags select'))).action(
    async (flags: FilterFlags) => {
      const list = await connect(flags).admin().acls.list(filterOf(flags));
      ctx.out.stdout(flags.json ? formatJson({ acls: list }) : aclTable(list));
    },
  );

  withClientFlags(
    withResourceFlags(
      acls
        .command('add')
        .description('allow (or with --deny, deny) principals operations on one resource')
        .requiredOption('--principal <principal>', 'User:<name>, or User:* for everyone (repeatable)', repeated)
        .requiredOption('--operation <operation>', `${OPERATIONS.join(', ')} (repeatable)`, repeated)
        .option('--host <host>', 'the client address the ACL applies to', '*')
        .option('--prefixed', 'the resource name is a prefix')
        .option('--deny', 'deny instead of allow'),
    ),
  ).action(async (flags: AddFlags) => {
    const resource = resourceOf(flags, true)!;
    const operations = flags.operation.map(operationOf);
    const bindings: AclBinding[] = flags.principal.flatMap((principal) =>
      operations.map((operation) => ({
        principal,
        host: flags.host,
        ...resource,
        patternType: flags.prefixed === true ? ('Prefixed' as const) : ('Literal' as const),
        operation,
        permission: flags.deny === true ? ('Deny' as const) : ('Allow' as const),
      })),
    );
    await connect(flags).admin().acls.create(bindings);
    ctx.out.stdout(
      flags.json
        ? formatJson({ acls: bindings })
        : `Added ${bindings.length} ACL${bindings.length === 1 ? '' : 's'}\n${aclTable(bindings)}`,
    );
  });

  withClientFlags(
    withFilterFlags(acls.command('remove').description('remove the ACLs the filter flags select (at least one flag)')),
  ).action(async (flags: FilterFlags) => {
    const filter = filterOf(flags);
    if (Object.keys(filter).length === 0)
      throw new UsageError('give at least one filter flag (--principal, --topic, --operation...)');
    const deleted = await connect(flags).admin().acls.delete(filter);
    ctx.out.stdout(
      flags.json
        ? formatJson({ deleted })
        : `Removed ${deleted.length} ACL${deleted.length === 1 ? '' : 's'}\n${deleted.length === 0 ? '' : aclTable(deleted)}`,
    );
  });

  return acls;
}

function aclTable(list: readonly AclBinding[]): string {
  return formatTable(
    ['principal', 'host', 'resource', 'pattern', 'operation', 'permission'],
    list.map((acl) => [
      acl.principal,
      acl.host,
      `${acl.resourceType}:${acl.resourceName}`,
      acl.patternType,
      acl.operation,
      acl.permission,
    ]),
  );
}

/** The one resource the flags name; with `required`, a usage error when they name none. */
function resourceOf(
  flags: ResourceFlags,
  required: boolean,
): { resourceType: AclResourceType; resourceName: string } | undefined {
  const named: Array<{ resourceType: AclResourceType; resourceName: string }> = [];
  if (flags.topic !== undefined) named.push({ resourceType: 'Topic', resourceName: flags.topic });
  if (flags.group !== undefined) named.push({ resourceType: 'Group', resourceName: flags.group });
  if (flags.cluster === true) named.push({ resourceType: 'Cluster', resourceName: CLUSTER_NAME });
  if (flags.transactionalId !== undefined)
    named.push({ resourceType: 'TransactionalId', resourceName: flags.transactionalId });
  if (named.length > 1) throw new UsageError('name one resource: --topic, --group, --cluster or --transactional-id');
  if (named.length === 0 && required)
    throw new UsageError('name a resource: --topic, --group, --cluster or --transactional-id');
  return named[0];
}

/** `read`, `READ`, `describe-configs`, `DescribeConfigs` and `describe_configs` are all Kafka's operation names. */
function operationOf(value: string): AclOperation {
  const wanted = value.replace(/[-_]/g, '').toLowerCase();
  const operation = OPERATIONS.find((candidate) => candidate.toLowerCase() === wanted);
  if (operation === undefined) throw new UsageError(`--operation takes ${OPERATIONS.join(', ')}, not "${value}"`);
  return operation;
}

function filterOf(flags: FilterFlags): AclFilter {
  const resource = resourceOf(flags, false);
  if (flags.prefixed === true && flags.resourcePatternType !== undefined && flags.resourcePatternType !== 'prefixed')
    throw new UsageError('--prefixed and --resource-pattern-type disagree');
  const pattern = flags.prefixed === true ? 'prefixed' : flags.resourcePatternType;
  if (pattern === 'match' && resource === undefined)
    throw new UsageError('--resource-pattern-type match needs a resource (--topic, --group...)');
  const filter: AclFilter = {};
  if (flags.principal !== undefined) filter.principal = flags.principal;
  if (flags.host !== undefined) filter.host = flags.host;
  if (resource !== undefined) Object.assign(filter, resource);
  if (pattern !== undefined)
    filter.patternType = pattern === 'match' ? 'Match' : pattern === 'prefixed' ? 'Prefixed' : 'Literal';
  if (flags.operation !== undefined) filter.operation = operationOf(flags.operation);
  if (flags.permission !== undefined) filter.permission = flags.permission === 'deny' ? 'Deny' : 'Allow';
  return filter;
}
