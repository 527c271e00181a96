// Public surface of the JoinGroup codec.
export { JoinGroup, type JoinGroupMember, type JoinGroupRequest, type JoinGroupResponse } from './join-group.js';
