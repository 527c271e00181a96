import * as protocol from '@mini-kafka/protocol';
import { describe, expect, it } from 'vitest';
import * as coordinator from './index.js';

describe('the public API', () => {
  it("re-exports @mini-kafka/protocol's assignor names and limits under the coordinator's names", () => {
    expect(coordinator.ASSIGNOR_NAMES).toBe(protocol.ASSIGNOR_NAMES);
    expect(coordinator.MAX_METADATA_LENGTH).toBe(protocol.MAX_COMMIT_METADATA_LENGTH);
    // MAX_ID_LENGTH stands for group, member and client ids: it holds only while the three agree.
    expect(coordinator.MAX_ID_LENGTH).toBe(protocol.MAX_GROUP_ID_LENGTH);
    expect(coordinator.MAX_ID_LENGTH).toBe(protocol.MAX_MEMBER_ID_LENGTH);
    expect(coordinator.MAX_ID_LENGTH).toBe(protocol.MAX_CLIENT_ID_LENGTH);
  });
});
