/**
 * GroupMembership: one consumer's membership of a group over HTTP: join (and rejoin with
 * the same member id), heartbeat, leave. It holds the member id and the current
 * generation with its assignment; it decides nothing about records or offsets.
 *
 * Joining copes with the ways a broker may turn a join away: MEMBER_ID_REQUIRED (join
 * again with the id it names), UNKNOWN_MEMBER_ID (our session expired: join as a new
 * member) and REBALANCE_IN_PROGRESS (wait, then try again).
 *
 * A gateway over a Kafka cluster (`serve --backend kafka`) keeps each member on the gateway
 * it joined through and answers the join with that gateway's `baseUrl` (Confluent REST
 * Proxy's model): the member's own requests (heartbeats, fetches, seeks, commits, leaving)
 * go there, through `memberTransport`. When that gateway cannot be reached, the member goes
 * back to the configured URL and rejoins there with the same member id, which lets another
 * gateway take its place in the group (`onGatewayLost`).
 */
import {
  type GroupDescription,
  type HeartbeatResponse,
  isMiniKafkaError,
  type JoinGroupRequest,
  type JoinGroupResponse,
  type TopicPartition,
} from '@mini-kafka/protocol';
import { type HttpTransport, route } from '../http-transport.js';
import { retryDelay, sleep } from '../retry.js';

export interface MembershipOptions {
  groupId: string;
  clientId: string;
  sessionTimeoutMs?: number;
  assignor?: JoinGroupRequest['assignor'];
  /** The gateway holding this member cannot be reached: the member must rejoin through the configured URL. */
  onGatewayLost?: () => void;
}

export type AutoOffsetReset = 'earliest' | 'latest';

export interface Generation {
  memberId: string;
  generationId: number;
  assignment: TopicPartition[];
  /** The session timeout the broker holds this member to. */
  sessionTimeoutMs: number;
}

/** Used when neither the options, the join answer nor the group description tell the session timeout. */
export const FALLBACK_SESSION_TIMEOUT_MS = 10_000;

export class GroupMembership {
  memberId: string | undefined;
  generation: Generation | undefined;
  /** Where this member's own requests go: the gateway that holds it, or the configured URL. */
  memberTransport: HttpTransport;
  private knownSessionTimeoutMs: number | undefined;

  constructor(
    private readonly transport: HttpTransport,
    private readonly options: MembershipOptions,
  ) {
    this.knownSessionTimeoutMs = options.sessionTimeoutMs;
    this.memberTransport = transport;
  }

  get groupId(): string {
    return this.options.groupId;
  }

  /** Joins (or rejoins) with `topics`; resolves with the new generation and its assignment. */
  async join(topics: string[], autoOffsetReset: AutoOffsetReset, signal?: AbortSignal): Promise<Generation> {
    for (let attempt = 0; ; attempt++) {
      try {
        // A rejoin is the member's own request: to the gateway holding it, when there is one.
        const via = this.memberId === undefined ? this.transport : this.memberTransport;
        const response = await via.request<JoinGroupResponse & { sessionTimeoutMs?: number; baseUrl?: string }>(
          'POST',
          route`/v1/groups/${this.groupId}/members`,
          {
            body: this.joinRequest(topics, autoOffsetReset),
            ...(signal && { signal }),
          },
        );
        this.memberId = response.memberId;
        this.memberTransport = this.transportFor(response.baseUrl);
        const sessionTimeoutMs = response.sessionTimeoutMs ?? (await this.sessionTimeout(response.memberId));
        this.generation = {
          memberId: response.memberId,
          generationId: response.generationId,
          assignment: response.assignment,
          sessionTimeoutMs,
        };
        return this.generation;
      } catch (error) {
        if (attempt >= this.transport.retry.retries || signal?.aborted === true) throw error;
        if (isMiniKafkaError(error, 'MEMBER_ID_REQUIRED') && typeof error.details.member === 'string') {
          this.memberId = error.details.member;
        } else if (isMiniKafkaError(error, 'UNKNOWN_MEMBER_ID')) {
          this.forget();
        } else if (isMiniKafkaError(error, 'REBALANCE_IN_PROGRESS')) {
          await sleep(retryDelay(attempt, this.transport.retry));
        } else {
          throw error;
        }
      }
    }
  }

  /** One heartbeat for the current generation; no retries (the next beat is the retry). */
  heartbeat(generation: Generation, timeoutMs: number): Promise<HeartbeatResponse> {
    return this.memberTransport.request<HeartbeatResponse>(
      'POST',
      route`/v1/groups/${this.groupId}/members/${generation.memberId}/heartbeat`,
      { body: { generationId: generation.generationId }, retries: 0, signal: AbortSignal.timeout(timeoutMs) },
    );
  }

  /** Leaves the group so the others take over this member's partitions at once. Best effort. */
  async leave(): Promise<void> {
    const memberId = this.memberId;
    const transport = this.memberTransport;
    this.forget();
    if (memberId === undefined) return;
    try {
      await transport.request('DELETE', route`/v1/groups/${this.groupId}/members/${memberId}`, { retries: 1 });
    } catch {
      // The session timeout removes the member anyway.
    }
  }

  /** Drops the member id and generation (the broker no longer knows this member). */
  forget(): void {
    this.memberId = undefined;
    this.generation = undefined;
    this.memberTransport = this.transport;
  }

  /** The transport to the gateway at `baseUrl` (when it is another URL than the configured one). */
  private transportFor(baseUrl: string | undefined): HttpTransport {
    if (baseUrl === undefined || baseUrl.replace(/\/+$/, '') === this.transport.url) return this.transport;
    const gateway = this.transport.at(baseUrl, {
      onUnreachable: () => {
        if (this.memberTransport !== gateway) return;
        this.memberTransport = this.transport;
        this.options.onGatewayLost?.();
      },
    });
    return gateway;
  }

  private joinRequest(topics: string[], autoOffsetReset: AutoOffsetReset): JoinGroupRequest {
    const request: JoinGroupRequest = { clientId: this.options.clientId, topics, autoOffsetReset };
    if (this.memberId !== undefined) request.memberId = this.memberId;
    if (this.options.sessionTimeoutMs !== undefined) request.sessionTimeoutMs = this.options.sessionTimeoutMs;
    if (this.options.assignor !== undefined) request.assignor = this.options.assignor;
    return request;
  }

  /** The broker's session timeout for this member, read once from the group description. */
  private async sessionTimeout(memberId: string): Promise<number> {
    if (this.knownSessionTimeoutMs !== undefined) return this.knownSessionTimeoutMs;
    try {
      const group = await this.transport.request<GroupDescription>('GET', route`/v1/groups/${this.groupId}`);
      const member = group.members.find((candidate) => candidate.memberId === memberId);
      if (member !== undefined) {
        this.knownSessionTimeoutMs = member.sessionTimeoutMs;
        return member.sessionTimeoutMs;
      }
    } catch {
      // Fall through to the fallback.
    }
    return FALLBACK_SESSION_TIMEOUT_MS;
  }
}
