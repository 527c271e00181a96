// Public surface of the LeaveGroup codec.
export {
  LeaveGroup,
  type LeaveGroupMember,
  type LeaveGroupMemberResponse,
  type LeaveGroupRequest,
  type LeaveGroupResponse,
} from './leave-group.js';
