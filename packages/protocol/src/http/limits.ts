/**
 * The bounds of every size and count a client controls in the HTTP API, kept apart from the
 * schemas that enforce them (no zod here), so code that needs a bound does not build every
 * schema at start-up.
 */
/** Longest group id, in UTF-16 code units. */
export const MAX_GROUP_ID_LENGTH = 255;
/** Longest member id, in UTF-16 code units. */
export const MAX_MEMBER_ID_LENGTH = 255;
/** Longest client id a member joins with, in UTF-16 code units. */
export const MAX_CLIENT_ID_LENGTH = 255;
export const MAX_RECORDS_PER_REQUEST = 100_000;
export const MAX_HEADERS_PER_RECORD = 1_000;
export const MAX_WAIT_MS = 60_000;
/** Longest config name, in UTF-16 code units (Kafka's longest is under 60). */
export const MAX_CONFIG_NAME_LENGTH = 255;
/** Longest config value, in UTF-16 code units. */
export const MAX_CONFIG_VALUE_LENGTH = 4096;
/** Most configs one request may name. */
export const MAX_CONFIGS_PER_REQUEST = 1000;
export const MAX_FETCH_BYTES = 64 * 1024 * 1024;
export const MAX_FETCH_RECORDS = 100_000;
export const MAX_TOPICS_PER_MEMBER = 1_000;
/** Longest metadata string of a committed offset, in UTF-16 code units. */
export const MAX_COMMIT_METADATA_LENGTH = 4096;
/** The largest sequence number; the next one is 0. */
export const MAX_SEQUENCE = 2_147_483_647;
export const MAX_PARTITIONS_PER_TOPIC = 10_000;
