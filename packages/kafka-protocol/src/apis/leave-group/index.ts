// Public surface of the LeaveGroup codec.
export { LeaveGroup, type LeaveGroupRequest, type LeaveGroupResponse } from './leave-group.js';
