/**
 * The marker the transaction coordinator writes into each partition of a transaction when it
 * ends (a control batch: COMMIT or ABORT).
 *
 * This mirrors `TransactionMarker` of `@mini-kafka/storage` (Lane S), structurally identical,
 * until that type is on main; then this file re-exports storage's.
 */
export interface TransactionMarker {
  producerId: number;
  producerEpoch: number;
  /** true: COMMIT marker (control type 1); false: ABORT (control type 0). */
  commit: boolean;
  coordinatorEpoch: number;
}
