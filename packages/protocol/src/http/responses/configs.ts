/** The schemas of configs as answers describe them (`ConfigEntry`, `DescribeConfigsResponse`). */
import * as z from 'zod';

export const configSource = z.enum(['TOPIC_CONFIG', 'STATIC_BROKER_CONFIG', 'DEFAULT_CONFIG']);
export const configType = z.enum(['BOOLEAN', 'STRING', 'INT', 'SHORT', 'LONG', 'DOUBLE', 'LIST', 'CLASS', 'PASSWORD']);

/** The schema of `ConfigSynonym`. */
export const configSynonym = z.strictObject({ name: z.string(), value: z.string().nullable(), source: configSource });

/** The schema of `ConfigEntry`. */
export const configEntry = z.strictObject({
  name: z.string(),
  value: z.string().nullable(),
  source: configSource,
  readOnly: z.boolean(),
  sensitive: z.boolean(),
  type: configType,
  documentation: z.string(),
  synonyms: z.array(configSynonym),
});

/** The schema of `DescribeConfigsResponse`. */
export const describeConfigsResponse = z.strictObject({
  resource: z.strictObject({ type: z.enum(['topic', 'broker']), name: z.string() }),
  configs: z.array(configEntry),
});
