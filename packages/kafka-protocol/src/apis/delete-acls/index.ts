// Public surface of the DeleteAcls codec.
export { DeleteAcls, type DeleteAclsFilter, type DeleteAclsRequest, type DeleteAclsResponse } from './delete-acls.js';
