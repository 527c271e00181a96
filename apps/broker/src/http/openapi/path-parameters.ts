/** The path parameters of the routes, by name, with the schemas their values are checked against. */
import { groupIdSchema, memberIdSchema, offset, partitionIndex, topicName } from '@mini-kafka/protocol';
import * as z from 'zod';

export const PATH_PARAMETERS: Record<string, { schema: z.ZodType; description: string }> = {
  topic: { schema: topicName, description: 'A topic name: letters, digits, `.`, `_` and `-`.' },
  partition: { schema: partitionIndex, description: 'A partition number of the topic, from 0.' },
  group: { schema: groupIdSchema, description: 'A group id.' },
  member: { schema: memberIdSchema, description: 'A member id, as joining the group answered it.' },
  id: { schema: z.string(), description: 'The broker id: `0`, the only broker.' },
  transactionalId: {
    schema: z.string().min(1),
    description: 'A transactional id, as the producer set it (`transactional.id`).',
  },
  offset: { schema: offset, description: 'An offset in the partition.' },
};
