// Public surface of the SyncGroup codec.
export { SyncGroup, type SyncGroupRequest, type SyncGroupResponse } from './sync-group.js';
