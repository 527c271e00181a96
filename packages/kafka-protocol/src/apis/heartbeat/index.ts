// Public surface of the Heartbeat codec.
export { Heartbeat, type HeartbeatRequest, type HeartbeatResponse } from './heartbeat.js';
