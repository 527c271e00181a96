// Public surface of the InitProducerId codec.
export { InitProducerId, type InitProducerIdRequest, type InitProducerIdResponse } from './init-producer-id.js';
