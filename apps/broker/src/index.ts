export { createBroker, type Broker, type BrokerOptions } from './broker.js';
export { brokerConfigSchema, type BrokerConfig, type BrokerConfigInput } from './config/broker-config.js';
export { ConfigError, loadConfig, usage } from './config/load-config.js';
