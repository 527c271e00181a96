import { runLogConformance } from './log-conformance.case.js';
import { MemoryLog } from './memory-log.js';

runLogConformance(
  'MemoryLog',
  async ({ config, clock }) => new MemoryLog({ config, clock, topic: 'memory', partition: 0 }),
);
