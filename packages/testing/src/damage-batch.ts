/**
 * Damage as an unclean stop leaves it, for tests of what a broker makes of it: one byte
 * flipped inside the stored batch that holds an offset, in a partition directory's tail
 * segment, and the clean-shutdown marker removed, so the next open recovers the tail and
 * finds the batch failing its CRC. The batch header is read here directly (RecordBatch v2:
 * baseOffset int64 at 0, batchLength int32 at 8, lastOffsetDelta int32 at 23), so this
 * helper depends on no package under test.
 */
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Flips a byte of the tail segment's batch holding `offset`; resolves to that batch's base offset. */
export async function damageTailBatch(partitionDir: string, offset: number): Promise<number> {
  await rm(join(partitionDir, '.clean-shutdown'), { force: true });
  const tail = (await readdir(partitionDir))
    .filter((name) => name.endsWith('.log'))
    .sort()
    .at(-1);
  if (tail === undefined) throw new Error(`${partitionDir} has no segment`);
  const bytes = await readFile(join(partitionDir, tail));
  for (let at = 0; at + 61 <= bytes.length; at += 12 + bytes.readInt32BE(at + 8)) {
    const base = Number(bytes.readBigInt64BE(at));
    const last = base + bytes.readInt32BE(at + 23);
    if (base <= offset && offset <= last) {
      // Past the 61-byte header, inside the records: the CRC no longer matches.
      const target = at + Math.min(70, 11 + bytes.readInt32BE(at + 8));
      bytes[target] = bytes[target]! ^ 0x10;
      await writeFile(join(partitionDir, tail), bytes);
      return base;
    }
  }
  throw new Error(`no batch of ${join(partitionDir, tail)} holds offset ${offset}`);
}
