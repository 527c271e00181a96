/**
 * Broker defects the corruption matrix shows today, by id. A case lists the ones it shows and
 * the checks they fail (corruption-case.ts); the run reports them by id with these words and
 * fails when one no longer shows, so an entry is removed with the fix that ends it.
 */
export const DEFECTS: Readonly<Record<string, string>> = {
  'torn-write-past-commits':
    'after an unclean stop, a tail cut inside a batch, or whose bytes name no offset, is taken for an interrupted write ' +
    "and its offsets are given to new records, even when a group's committed offset shows the records were " +
    'acknowledged and read: the commit is left past the log end, so the group will skip the new records',
};
