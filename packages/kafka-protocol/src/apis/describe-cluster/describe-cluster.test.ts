// DescribeCluster: round trips at both versions (flexible in each), and v0 bytes by hand.
import { describe, expect, it } from 'vitest';
import { encodeBody, requestRoundTrip, responseRoundTrip, versionsOf } from '../../testing/round-trip.js';
import { DescribeCluster } from './describe-cluster.js';

const response = {
  throttleTimeMs: 0,
  errorCode: 0,
  errorMessage: null,
  endpointType: 1,
  clusterId: 'mini-kafka',
  controllerId: 0,
  brokers: [{ brokerId: 0, host: '127.0.0.1', port: 9092, rack: null }],
  clusterAuthorizedOperations: -2147483648,
};

describe('DescribeCluster', () => {
  it.each(versionsOf(DescribeCluster))('v%i round trips (endpoint type from v1)', (v) => {
    expect(
      requestRoundTrip(DescribeCluster, v, { includeClusterAuthorizedOperations: true, endpointType: 2 }).decoded,
    ).toEqual({
      includeClusterAuthorizedOperations: true,
      endpointType: v >= 1 ? 2 : 1,
    });
    expect(responseRoundTrip(DescribeCluster, v, response).decoded).toEqual(response);
  });

  it('v0 response, byte by byte', () => {
    const small = {
      throttleTimeMs: 0,
      errorCode: 0,
      errorMessage: null,
      clusterId: 'c',
      controllerId: 0,
      brokers: [{ brokerId: 0, host: 'h', port: 1, rack: null }],
    };
    expect(encodeBody((w) => DescribeCluster.encodeResponse(w, 0, small)).toString('hex')).toBe(
      [
        '00000000', // throttle
        '0000', // error code
        '00', // error message null
        '0263', // cluster id "c"
        '00000000', // controller 0
        '02', // brokers: 1
        '00000000',
        '0268',
        '00000001',
        '00', // rack null
        '00', // broker tags
        '80000000', // authorized operations unset
        '00',
      ].join(''),
    );
  });
});
