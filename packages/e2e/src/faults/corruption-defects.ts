/**
 * Broker defects the corruption matrix shows today, by id. A case lists the ones it shows and
 * the checks they fail (corruption-case.ts); the run reports them by id with these words and
 * fails when one no longer shows, so an entry is removed with the fix that ends it.
 */
export const DEFECTS: Readonly<Record<string, string>> = {};
