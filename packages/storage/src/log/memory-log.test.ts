import { runLogConformance } from './log-conformance.case.js';
import { MemoryLog } from './memory-log.js';

runLogConformance(
  'MemoryLog',
  async ({ config, clock, inflaters }) => new MemoryLog({ config, clock, inflaters, topic: 'memory', partition: 0 }),
);
