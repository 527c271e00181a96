/**
 * Broker defects the corruption matrix shows today, by id. A case lists the ones it shows and
 * the checks they fail (corruption-case.ts); the run reports them by id with these words and
 * fails when one no longer shows, so an entry is removed with the fix that ends it.
 */
export const DEFECTS: Readonly<Record<string, string>> = {
  'index-entry-trusted':
    'an .index entry moved inside a batch, with the entries still in order, passes the start-up sanity check: reads ' +
    'that start near it fail with CORRUPT_MESSAGE (500, Kafka code 2) though no record is damaged, seeks by time ' +
    'near it silently answer the first offset of the next segment, nothing is logged, and the index is never ' +
    'rebuilt (verify says to remove it by hand)',
  'damage-unseen-at-start':
    'bad bytes inside a stored batch of a closed segment (or of the tail after a clean stop) are not looked for at ' +
    'start (only the bytes after the last index entry are walked, without CRC checks): nothing is logged, the topic ' +
    'description shows no damage and nothing is copied to damaged/; reads that reach the batch fail with ' +
    'CORRUPT_MESSAGE, which is not logged either',
  'timeindex-entry-trusted':
    'a .timeindex entry whose timestamp is made earlier, with the entries still in order, passes the start-up sanity ' +
    'check: seeks by time before the real timestamp start at that entry and silently answer an offset past the ' +
    "records they ask for (the segment's first index entry instead of its first record), and nothing is logged",
  'seek-by-time-past-damage':
    'a seek by time (ListOffsets, GET .../offsets?timestamp=) whose answer lies in a damaged range of a closed ' +
    'segment answers the first offset after the range, with no error (damage in the tail, and offsets missing ' +
    'between segments or batches the seek walks, now fail it with CORRUPT_MESSAGE): a consumer that seeks by time ' +
    'starts past the lost records and never meets the CORRUPT_MESSAGE that reads of them give',
};
