/** The route table's entries for Kafka's ACLs over HTTP (/v1/acls) and /v1/whoami. */
import { aclFilter, createAclsRequest } from '@mini-kafka/protocol';
import {
  createAclsResponse,
  deleteAclsResponse,
  describeAclsResponse,
  whoAmIResponse,
} from '@mini-kafka/protocol/http-responses';
import { named, type Operation } from './operation.js';

const DISABLED =
  'Authentication is off: ACLs are not enforced (SECURITY_DISABLED), or the filter is invalid (INVALID_REQUEST).';

export const ACL_OPERATIONS: readonly Operation[] = [
  {
    method: 'get',
    path: '/v1/acls',
    tag: 'Security',
    summary: 'Describe ACLs',
    description:
      "Kafka's DescribeAcls: the bindings the filter selects (an absent field matches anything; `patternType=Match` selects those that apply to `resourceName`). Needs Describe on the cluster.",
    query: aclFilter,
    answers: { 200: { description: 'The bindings.', json: named('DescribeAclsResponse', describeAclsResponse) } },
    errors: { 400: DISABLED },
  },
  {
    method: 'post',
    path: '/v1/acls',
    tag: 'Security',
    summary: 'Create ACLs',
    description:
      "Kafka's CreateAcls: adds each binding not held yet (one held already is no error); all or none. `host` defaults to `*`, `patternType` to `Literal`, `permission` to `Allow`. Needs Alter on the cluster.",
    body: named('CreateAclsRequest', createAclsRequest),
    answers: {
      201: { description: 'The bindings of the request.', json: named('CreateAclsResponse', createAclsResponse) },
    },
    errors: {
      400: `${DISABLED} Or a binding is invalid.`,
      413: 'The body is too large.',
      415: 'The body is not JSON.',
    },
  },
  {
    method: 'delete',
    path: '/v1/acls',
    tag: 'Security',
    summary: 'Delete ACLs',
    description:
      "Kafka's DeleteAcls: removes every binding the filter selects; at least one filter field is required. Needs Alter on the cluster.",
    query: aclFilter,
    answers: { 200: { description: 'The bindings removed.', json: named('DeleteAclsResponse', deleteAclsResponse) } },
    errors: { 400: `${DISABLED} Or the filter is empty.` },
  },
  {
    method: 'get',
    path: '/v1/whoami',
    tag: 'Security',
    summary: 'Who am I',
    description:
      'The principal the broker takes the caller for (`User:ANONYMOUS` with authentication off), whether it presented a credential, and whether it is a super user.',
    answers: { 200: { description: 'The caller.', json: named('WhoAmIResponse', whoAmIResponse) } },
    errors: {},
  },
];
