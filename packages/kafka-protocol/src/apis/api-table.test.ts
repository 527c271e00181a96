// The API table: the advertised version matrix, lookups, the derived ApiVersions ranges.
import { describe, expect, it } from 'vitest';
import { API_TABLE, apiCodecFor, apiVersionsFrom } from './api-table.js';

describe('API table', () => {
  it('is exactly the version matrix Mini Kafka advertises', () => {
    expect(
      API_TABLE.map(({ apiKey, name, minVersion, maxVersion }) => `${apiKey} ${name} ${minVersion}-${maxVersion}`),
    ).toEqual([
      '0 Produce 0-9',
      '1 Fetch 0-13',
      '2 ListOffsets 0-7',
      '3 Metadata 0-12',
      '8 OffsetCommit 0-8',
      '9 OffsetFetch 0-8',
      '10 FindCoordinator 0-4',
      '11 JoinGroup 0-9',
      '12 Heartbeat 0-4',
      '13 LeaveGroup 0-5',
      '14 SyncGroup 0-5',
      '15 DescribeGroups 0-5',
      '16 ListGroups 0-5',
      '17 SaslHandshake 0-1',
      '18 ApiVersions 0-3',
      '19 CreateTopics 0-7',
      '20 DeleteTopics 0-6',
      '21 DeleteRecords 0-2',
      '22 InitProducerId 0-5',
      '24 AddPartitionsToTxn 0-3',
      '25 AddOffsetsToTxn 0-4',
      '26 EndTxn 0-5',
      '28 TxnOffsetCommit 0-3',
      '29 DescribeAcls 0-3',
      '30 CreateAcls 0-3',
      '31 DeleteAcls 0-3',
      '32 DescribeConfigs 0-4',
      '33 AlterConfigs 0-2',
      '35 DescribeLogDirs 0-4',
      '36 SaslAuthenticate 0-2',
      '37 CreatePartitions 0-3',
      '42 DeleteGroups 0-2',
      '44 IncrementalAlterConfigs 0-1',
      '47 OffsetDelete 0-0',
      '60 DescribeCluster 0-1',
      '61 DescribeProducers 0-0',
      '65 DescribeTransactions 0-0',
      '66 ListTransactions 0-1',
    ]);
  });

  it('finds codecs by key', () => {
    expect(apiCodecFor(11)?.name).toBe('JoinGroup');
    expect(apiCodecFor(1000)).toBeUndefined();
  });

  it('derives ApiVersions ranges from registrations, sorted by key', () => {
    const registrations = [
      { apiKey: 18, name: 'ApiVersions', minVersion: 0, maxVersion: 3 },
      { apiKey: 0, minVersion: 0, maxVersion: 7 },
    ];
    expect(apiVersionsFrom(registrations)).toEqual([
      { apiKey: 0, minVersion: 0, maxVersion: 7 },
      { apiKey: 18, minVersion: 0, maxVersion: 3 },
    ]);
  });
});
