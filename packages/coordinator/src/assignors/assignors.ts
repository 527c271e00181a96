/** The assignor registry: each AssignorName to its (stateless) implementation. */
import { ASSIGNOR_NAMES, type AssignorName } from '@mini-kafka/protocol/core';
import type { Assignor } from './assignor.js';
import { RangeAssignor } from './range.js';
import { RoundRobinAssignor } from './round-robin.js';
import { StickyAssignor } from './sticky.js';

const ASSIGNORS: Readonly<Record<AssignorName, Assignor>> = {
  roundrobin: new RoundRobinAssignor(),
  range: new RangeAssignor(),
  sticky: new StickyAssignor(),
};

export const DEFAULT_ASSIGNOR: AssignorName = 'roundrobin';

export function isAssignorName(name: unknown): name is AssignorName {
  return typeof name === 'string' && (ASSIGNOR_NAMES as readonly string[]).includes(name);
}

export function assignorFor(name: AssignorName): Assignor {
  return ASSIGNORS[name];
}
