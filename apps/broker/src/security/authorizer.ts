/**
 * Kafka's authorization rules (AclAuthorizer / StandardAuthorizer), over the ACL bindings
 * the broker holds:
 * - a super user may do anything;
 * - a Deny binding for the principal (or `User:*`), the host (or `*`), the operation (or
 *   All) on a pattern matching the resource wins over any Allow;
 * - else an Allow binding grants the operation; Allow of Read, Write, Delete or Alter
 *   implies Describe, and Allow of AlterConfigs implies DescribeConfigs;
 * - else, when no binding at all matches the resource, `allowEveryoneIfNoAclFound` decides
 *   (off by default, as in Kafka); otherwise the answer is no.
 * An authorizer that is not enabled (authentication off) allows everything.
 */
import { type AclBinding, type AclOperation, patternMatches, type Resource, WILDCARD } from './acl.js';

export const ANONYMOUS = 'User:ANONYMOUS';

/** Who is asking, and from where: the principal (`User:alice`) and the client's address. */
export interface Session {
  principal: string;
  host: string;
}

export const anonymousSession = (host: string): Session => ({ principal: ANONYMOUS, host });

export interface AclSource {
  /** Every binding held. */
  all(): readonly AclBinding[];
}

export interface AuthorizerOptions {
  /** When false, every request is allowed (authentication off). */
  enabled: boolean;
  /** Principals (`User:admin`) that may do anything. */
  superUsers: readonly string[];
  allowEveryoneIfNoAclFound: boolean;
}

/** The operations whose Allow also grants `operation`. */
const IMPLIED_BY: Partial<Record<AclOperation, readonly AclOperation[]>> = {
  Describe: ['Describe', 'Read', 'Write', 'Delete', 'Alter'],
  DescribeConfigs: ['DescribeConfigs', 'AlterConfigs'],
};

export class Authorizer {
  private readonly superUsers: ReadonlySet<string>;

  constructor(
    private readonly acls: AclSource,
    private readonly options: AuthorizerOptions,
  ) {
    this.superUsers = new Set(options.superUsers);
  }

  get enabled(): boolean {
    return this.options.enabled;
  }

  isSuperUser(principal: string): boolean {
    return this.superUsers.has(principal);
  }

  /** Whether `session` may perform `operation` on `resource`. */
  authorize(session: Session, operation: AclOperation, resource: Resource): boolean {
    if (!this.options.enabled || this.superUsers.has(session.principal)) return true;
    const matching = this.acls.all().filter((acl) => patternMatches(acl, resource));
    const applies = (acl: AclBinding): boolean =>
      (acl.principal === session.principal || acl.principal === `User:${WILDCARD}`) &&
      (acl.host === WILDCARD || acl.host === session.host);
    const mine = matching.filter(applies);
    if (mine.some((acl) => acl.permission === 'Deny' && (acl.operation === operation || acl.operation === 'All')))
      return false;
    const granting = IMPLIED_BY[operation] ?? [operation];
    if (mine.some((acl) => acl.permission === 'Allow' && (acl.operation === 'All' || granting.includes(acl.operation))))
      return true;
    return matching.length === 0 && this.options.allowEveryoneIfNoAclFound;
  }

  /** The subset of `operations` `session` may perform on `resource` (for authorized-operations fields). */
  allowed(session: Session, resource: Resource, operations: readonly AclOperation[]): AclOperation[] {
    return operations.filter((operation) => this.authorize(session, operation, resource));
  }
}

/** An authorizer that allows everything: the broker with authentication off, and tests that do not care. */
export const allowAll = new Authorizer(
  { all: () => [] },
  { enabled: false, superUsers: [], allowEveryoneIfNoAclFound: true },
);
