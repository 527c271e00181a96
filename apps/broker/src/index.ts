export { type Broker, type BrokerOptions, createBroker } from './broker.js';
export { type BrokerConfig, type BrokerConfigInput, brokerConfigSchema } from './config/broker-config.js';
export { ConfigError, loadConfig, usage } from './config/load-config.js';
export { createGateway, type Gateway, type GatewayOptions } from './gateway/gateway.js';
export {
  type CredentialsData,
  emptyCredentials,
  readCredentials,
  withUser,
  writeCredentials,
} from './security/credential-store.js';
export { FetchMemory, type FetchMemoryOptions } from './services/fetch-memory.js';
