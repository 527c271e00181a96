import { runOffsetStoreConformance } from './offset-store-conformance.case.js';
import { MemoryOffsetStore } from './memory-offset-store.js';

runOffsetStoreConformance('MemoryOffsetStore', async () => new MemoryOffsetStore());
