/** Every Kafka API this broker serves, registered once: the ApiVersions answer comes from here. */
import { HandlerRegistry } from './handler-registry.js';
import { apiVersionsHandler } from './handlers/api-versions.js';
import { createTopicsHandler } from './handlers/create-topics.js';
import { fetchHandler } from './handlers/fetch.js';
import { findCoordinatorHandler } from './handlers/find-coordinator.js';
import { listOffsetsHandler } from './handlers/list-offsets.js';
import { metadataHandler } from './handlers/metadata.js';
import { produceHandler } from './handlers/produce.js';

export function kafkaHandlers(): HandlerRegistry {
  const registry = new HandlerRegistry();
  registry
    .register(produceHandler)
    .register(fetchHandler)
    .register(listOffsetsHandler)
    .register(metadataHandler)
    .register(findCoordinatorHandler)
    .register(createTopicsHandler);
  registry.register(apiVersionsHandler(registry));
  return registry;
}
