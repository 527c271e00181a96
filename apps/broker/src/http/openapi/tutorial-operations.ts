/**
 * The route table's entries for the tutorial's routes (`/topics/...`, outside /v1): query
 * parameters in, snake_case JSON out, `{"detail": "..."}` on errors.
 */
import {
  tutorialAckQuery,
  tutorialConsumerQuery,
  tutorialCreateQuery,
  tutorialPollQuery,
  tutorialProduceFields,
} from '@mini-kafka/protocol';
import {
  tutorialAckResponse,
  tutorialCreateResponse,
  tutorialErrorBody,
  tutorialPollResponse,
  tutorialProduceResponse,
  tutorialSubscribeResponse,
} from '@mini-kafka/protocol/http-responses';
import { named, type Operation } from './operation.js';

const TAG = 'Tutorial';
const errorBody = named('TutorialErrorBody', tutorialErrorBody);
const INVALID = 'The request is invalid: `detail` names the field and the problem.';
const NO_TOPIC = 'The topic (or the partition) does not exist.';

export const TUTORIAL_OPERATIONS: readonly Operation[] = [
  {
    method: 'post',
    path: '/topics/{topic}/create',
    tag: TAG,
    summary: 'Create a topic (idempotent)',
    query: tutorialCreateQuery,
    answers: {
      200: {
        description: 'The topic; `created` is false when it existed.',
        json: named('TutorialCreateResponse', tutorialCreateResponse),
      },
    },
    errors: { 400: INVALID, 507: 'The data directory is full.' },
    errorBody,
  },
  {
    method: 'post',
    path: '/topics/{topic}/messages',
    tag: TAG,
    summary: 'Produce a message',
    description:
      'The message as JSON, or as the query parameters `message` and `key` (no body then). The topic is created when it does not exist.',
    body: named('TutorialProduceRequest', tutorialProduceFields),
    answers: {
      200: { description: 'Where the message went.', json: named('TutorialProduceResponse', tutorialProduceResponse) },
    },
    errors: {
      400: INVALID,
      413: 'The message is too large.',
      415: 'The body is not JSON.',
      507: 'The data directory is full.',
    },
    errorBody,
  },
  {
    method: 'post',
    path: '/topics/{topic}/groups/{group}/subscribe',
    tag: TAG,
    summary: 'Join a group',
    description: 'The consumer joins the group for the topic (round-robin assignor) and gets its partitions.',
    query: tutorialConsumerQuery,
    answers: {
      200: {
        description: "The consumer's partitions of the topic.",
        json: named('TutorialSubscribeResponse', tutorialSubscribeResponse),
      },
    },
    errors: { 400: INVALID, 404: NO_TOPIC },
    errorBody,
  },
  {
    method: 'get',
    path: '/topics/{topic}/messages',
    tag: TAG,
    summary: 'Poll',
    description:
      'Without `group_id`: the next unacknowledged message of the whole topic (oldest first). With it: the next unacknowledged message of each partition the consumer has in the group. A poll does not move the position: an ack does.',
    query: tutorialPollQuery,
    answers: {
      200: {
        description: 'A message (no group), or a list of them (a group).',
        json: named('TutorialPollResponse', tutorialPollResponse),
      },
    },
    errors: { 400: INVALID, 404: `${NO_TOPIC} Also: no new messages (no group), or no partitions in the group.` },
    errorBody,
  },
  {
    method: 'post',
    path: '/topics/{topic}/messages/{offset}/ack',
    tag: TAG,
    summary: 'Acknowledge a message',
    description: "Commits `offset + 1` for the consumer's group (its own group when it reads without one).",
    query: tutorialAckQuery,
    answers: { 200: { description: 'Acknowledged.', json: named('TutorialAckResponse', tutorialAckResponse) } },
    errors: {
      400: INVALID,
      404: NO_TOPIC,
      409: 'The consumer is not a member of the group.',
      416: 'No such message yet.',
    },
    errorBody,
  },
];
