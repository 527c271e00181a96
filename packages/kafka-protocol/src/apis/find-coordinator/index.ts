// Public surface of the FindCoordinator codec.
export {
  COORDINATOR_KEY_TYPE,
  type Coordinator,
  FindCoordinator,
  type FindCoordinatorRequest,
  type FindCoordinatorResponse,
} from './find-coordinator.js';
