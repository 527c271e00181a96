/** InitProducerId through the handler: ids from the broker-wide allocator, never reused after a restart; no transactions. */
import { afterEach, describe, expect, it } from 'vitest';
import { handlerContext, serve, type TestHandlerContext } from '../testing/handler-context.js';
import { initProducerIdHandler } from './init-producer-id.js';

const contexts: TestHandlerContext[] = [];
afterEach(async () => {
  for (const ctx of contexts.splice(0).reverse()) await ctx.close();
});

const idempotent = { transactionalId: null, transactionTimeoutMs: 60_000, producerId: -1, producerEpoch: -1 };

describe('InitProducerId', () => {
  it.each([0, 1, 2, 3, 4, 5])('v%i gives each idempotent producer a new id with epoch 0', async (version) => {
    const ctx = await handlerContext();
    contexts.push(ctx);
    const first = await serve(ctx, initProducerIdHandler, version, idempotent);
    const second = await serve(ctx, initProducerIdHandler, version, idempotent);
    expect(first).toMatchObject({ errorCode: 0, producerEpoch: 0 });
    expect(second.producerId).not.toBe(first.producerId);
  });

  it('answers v3+ requests naming a producer id and epoch with a new id at epoch 0, as Kafka does', async () => {
    const ctx = await handlerContext();
    contexts.push(ctx);
    const first = await serve(ctx, initProducerIdHandler, 5, idempotent);
    const again = await serve(ctx, initProducerIdHandler, 5, { ...idempotent, ...first, producerEpoch: 0 });
    expect(again).toMatchObject({ errorCode: 0, producerEpoch: 0 });
    expect(again.producerId).not.toBe(first.producerId);
  });

  it('never hands out an id again after the broker restarts on the same data directory', async () => {
    const ctx = await handlerContext({ onDisk: true });
    contexts.push(ctx);
    const before = await serve(ctx, initProducerIdHandler, 1, idempotent);
    await ctx.coordinator.close();
    await ctx.logs.close();
    const again = await handlerContext({ config: { dataDir: ctx.config.dataDir, inMemory: false } });
    contexts.push(again);
    const after = await serve(again, initProducerIdHandler, 1, idempotent);
    expect(after.producerId).toBeGreaterThan(before.producerId);
  });

  it('gives a transactional id one producer id and bumps its epoch on every init', async () => {
    const ctx = await handlerContext();
    contexts.push(ctx);
    const first = await serve(ctx, initProducerIdHandler, 1, { ...idempotent, transactionalId: 'billing' });
    const second = await serve(ctx, initProducerIdHandler, 1, { ...idempotent, transactionalId: 'billing' });
    expect(first).toMatchObject({ errorCode: 0, producerEpoch: 0 });
    expect(second).toEqual({ ...first, producerEpoch: 1 });
    const other = await serve(ctx, initProducerIdHandler, 1, { ...idempotent, transactionalId: 'payroll' });
    expect(other.producerId).not.toBe(first.producerId);
  });

  it('refuses a transaction timeout above transaction.max.timeout.ms with INVALID_TRANSACTION_TIMEOUT', async () => {
    const ctx = await handlerContext({ config: { transactionMaxTimeoutMs: 30_000 } });
    contexts.push(ctx);
    const answer = await serve(ctx, initProducerIdHandler, 4, {
      ...idempotent,
      transactionalId: 'billing',
      transactionTimeoutMs: 60_000,
    });
    expect(answer).toMatchObject({ errorCode: 50, producerId: -1 });
  });
});
