/**
 * The bare node:http anchor, run as its own process like the broker:
 *   node --import tsx bare-http-server.ts <records per answer> <value bytes>
 * A POST's body is read to its end and answered `{}`; a GET is answered with a prepared
 * body shaped like the broker's /v1 fetch answer for that many records. It prints
 * `{"port":N}` once it listens on 127.0.0.1 (a free port) and exits on SIGTERM.
 */
import { createServer } from 'node:http';
import { makeValues } from '../load/payload.js';

const records = Number(process.argv[2] ?? 1000);
const valueBytes = Number(process.argv[3] ?? 100);
const values = makeValues(valueBytes);
const fetchBody = Buffer.from(
  JSON.stringify({
    records: Array.from({ length: records }, (_, offset) => ({
      topic: 'bench',
      partition: 0,
      offset,
      timestamp: 1_795_000_000_000 + offset,
      key: null,
      value: values[offset % values.length],
      headers: {},
    })),
    nextOffset: records,
    highWatermark: records,
    logStartOffset: 0,
  }),
);
const emptyAnswer = Buffer.from('{}');

const server = createServer((req, res) => {
  if (req.method === 'GET') {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': fetchBody.length });
    res.end(fetchBody);
    return;
  }
  req.on('data', () => undefined);
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': emptyAnswer.length });
    res.end(emptyAnswer);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`${JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 })}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
