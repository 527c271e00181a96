// Whole frames: header + body + size prefix, in both directions.
import { describe, expect, it } from 'vitest';
import { decodeRequestFrame, decodeResponseFrame, encodeRequestFrame, encodeResponseFrame } from './api-frames.js';
import { apiCodecFor } from './apis/api-table.js';
import { ApiVersions } from './apis/api-versions/api-versions.js';
import { Metadata } from './apis/metadata/metadata.js';
import { Produce } from './apis/produce/produce.js';
import { extractFrames } from './framing/frames.js';

function only(frame: Buffer): Buffer {
  const { frames, rest } = extractFrames(frame);
  expect(rest.length).toBe(0);
  expect(frames).toHaveLength(1);
  return frames[0] as Buffer;
}

describe('request and response frames', () => {
  it('a broker decodes the header, then the body with the codec for the key', () => {
    const bytes = encodeRequestFrame(
      Metadata,
      4,
      { correlationId: 9, clientId: 'me' },
      { topics: [{ name: 'orders' }], allowAutoTopicCreation: false },
    );
    const { header, headerVersion, body } = decodeRequestFrame(only(bytes));
    expect(header).toEqual({ apiKey: 3, apiVersion: 4, correlationId: 9, clientId: 'me' });
    expect(headerVersion).toBe(1);
    expect(apiCodecFor(header.apiKey)?.decodeRequest(body, header.apiVersion)).toMatchObject({
      topics: [{ name: 'orders' }],
      allowAutoTopicCreation: false,
    });
    expect(body.remaining).toBe(0);
  });

  it('ApiVersions v3: request header v2 in, response header v0 out', () => {
    const request = encodeRequestFrame(
      ApiVersions,
      3,
      { correlationId: 1, clientId: 'rdkafka' },
      { clientSoftwareName: 'x', clientSoftwareVersion: '1' },
    );
    const { headerVersion, body } = decodeRequestFrame(only(request));
    expect(headerVersion).toBe(2);
    expect(ApiVersions.decodeRequest(body, 3)).toEqual({ clientSoftwareName: 'x', clientSoftwareVersion: '1' });
    const response = encodeResponseFrame(ApiVersions, 3, 1, { errorCode: 0, apiKeys: [] });
    expect(response.toString('hex')).toBe('0000000c' + '00000001' + '0000' + '01' + '00000000' + '00');
    expect(decodeResponseFrame(ApiVersions, 3, only(response))).toMatchObject({
      correlationId: 1,
      response: { errorCode: 0, apiKeys: [], throttleTimeMs: 0 },
    });
  });

  it('response frames carry their size and correlation id', () => {
    const frame = encodeResponseFrame(Produce, 7, 42, { responses: [] });
    expect(frame.readInt32BE(0)).toBe(frame.length - 4);
    expect(decodeResponseFrame(Produce, 7, only(frame))).toEqual({
      correlationId: 42,
      response: { responses: [], throttleTimeMs: 0 },
    });
  });

  it('a frame too short for a header is a typed error', () => {
    expect(() => decodeRequestFrame(Buffer.from('0003', 'hex'))).toThrow(
      expect.objectContaining({ reason: 'truncated' }),
    );
    expect(() => decodeRequestFrame(Buffer.from('00030004000000', 'hex'))).toThrow(
      expect.objectContaining({ reason: 'truncated' }),
    );
  });
});
