// Public surface of the DeleteGroups codec.
export { DeleteGroups, type DeleteGroupsRequest, type DeleteGroupsResponse } from './delete-groups.js';
