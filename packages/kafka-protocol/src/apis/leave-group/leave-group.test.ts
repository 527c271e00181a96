// LeaveGroup: round trips at every version (one member v0-2, a batch v3+, reasons v5+), kafkajs 2.2.4
// cross-checks in both directions (v0-3, all it has), and the flexible layout (v4+) byte by byte.
import { describe, expect, it } from 'vitest';
import { kafkajsDecodeResponse, kafkajsRequestBody } from '../../testing/kafkajs.js';
import { decodeBody, encodeBody, requestRoundTrip, responseRoundTrip, versionsOf } from '../../testing/round-trip.js';
import { LeaveGroup } from './leave-group.js';

const members = [
  { memberId: 'rdkafka-0c5a', groupInstanceId: null, reason: 'shutting down' },
  { memberId: '', groupInstanceId: 'pod-1', reason: null },
];

describe('LeaveGroup', () => {
  it.each(versionsOf(LeaveGroup))('v%i request round trip: one member before v3, a batch from v3', (v) => {
    const { decoded } = requestRoundTrip(LeaveGroup, v, { groupId: 'billing', memberId: 'rdkafka-0c5a', members });
    if (v <= 2) {
      // The one member id reads as a one-member batch, so the coordinator sees one shape.
      expect(decoded).toEqual({
        groupId: 'billing',
        memberId: 'rdkafka-0c5a',
        members: [{ memberId: 'rdkafka-0c5a', groupInstanceId: null, reason: null }],
      });
    } else {
      expect(decoded).toEqual({
        groupId: 'billing',
        memberId: '',
        members: members.map((m) => ({ ...m, reason: v >= 5 ? m.reason : null })),
      });
    }
  });

  it.each(versionsOf(LeaveGroup))('v%i response round trip: a code per member from v3', (v) => {
    const answers = [{ memberId: '', groupInstanceId: 'pod-1', errorCode: 82 }];
    expect(responseRoundTrip(LeaveGroup, v, { throttleTimeMs: 2, errorCode: 0, members: answers }).decoded).toEqual({
      throttleTimeMs: v >= 1 ? 2 : 0,
      errorCode: 0,
      members: v >= 3 ? answers : [],
    });
  });

  it('v4 (flexible): compact arrays and tagged fields, byte by byte', () => {
    const bytes = encodeBody((w) =>
      LeaveGroup.encodeRequest(w, 4, { groupId: 'g', members: [{ memberId: '', groupInstanceId: 'p' }] }),
    );
    // group "g", 1 member: member_id "", group_instance_id "p", its tagged fields; tagged fields
    expect(bytes.toString('hex')).toBe('0267' + '02' + '01' + '0270' + '00' + '00');
  });

  describe('against kafkajs', () => {
    it.each(versionsOf(LeaveGroup).filter((v) => v <= 2))('v%i: both directions', async (v) => {
      const body = await kafkajsRequestBody('leaveGroup', v, { groupId: 'billing', memberId: 'm-1' });
      expect(decodeBody(body, (r) => LeaveGroup.decodeRequest(r, v)).members).toEqual([
        { memberId: 'm-1', groupInstanceId: null, reason: null },
      ]);
      const decoded = await kafkajsDecodeResponse(
        'leaveGroup',
        v,
        encodeBody((w) => LeaveGroup.encodeResponse(w, v, { throttleTimeMs: 2, errorCode: 0 })),
      );
      expect(decoded).toMatchObject({ errorCode: 0 });
    });

    it('v3: decodes the batch kafkajs encodes, and kafkajs reads the codes per member', async () => {
      const body = await kafkajsRequestBody('leaveGroup', 3, {
        groupId: 'billing',
        members: [{ memberId: 'm-1', groupInstanceId: 'pod-1' }],
      });
      expect(decodeBody(body, (r) => LeaveGroup.decodeRequest(r, 3)).members).toEqual([
        { memberId: 'm-1', groupInstanceId: 'pod-1', reason: null },
      ]);
      const decoded = await kafkajsDecodeResponse(
        'leaveGroup',
        3,
        encodeBody((w) =>
          LeaveGroup.encodeResponse(w, 3, {
            errorCode: 0,
            members: [{ memberId: 'm-1', groupInstanceId: 'pod-1', errorCode: 0 }],
          }),
        ),
      );
      expect(decoded.members).toEqual([{ memberId: 'm-1', groupInstanceId: 'pod-1', errorCode: 0 }]);
    });
  });
});
