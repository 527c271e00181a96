import { MemoryOffsetStore } from './memory-offset-store.js';
import { runOffsetStoreConformance } from './offset-store-conformance.case.js';
import { runTxnOffsetStoreConformance } from './offset-store-txn-conformance.case.js';

runOffsetStoreConformance('MemoryOffsetStore', async () => new MemoryOffsetStore());

runTxnOffsetStoreConformance('MemoryOffsetStore', async () => new MemoryOffsetStore());
