import { MemoryOffsetStore } from './memory-offset-store.js';
import { runOffsetStoreConformance } from './offset-store-conformance.case.js';

runOffsetStoreConformance('MemoryOffsetStore', async () => new MemoryOffsetStore());
