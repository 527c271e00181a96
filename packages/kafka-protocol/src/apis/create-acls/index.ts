// Public surface of the CreateAcls codec.
export { type AclCreation, CreateAcls, type CreateAclsRequest, type CreateAclsResponse } from './create-acls.js';
