// Public surface of the ListGroups codec.
export { type ListedGroup, ListGroups, type ListGroupsRequest, type ListGroupsResponse } from './list-groups.js';
