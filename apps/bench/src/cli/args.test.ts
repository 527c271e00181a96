import { describe, expect, it } from 'vitest';
import { ArgsError, parseArgs, usage } from './args.js';

const scenarios = ['redis', 'nats', 'v1-json'];

describe('parseArgs', () => {
  it('defaults to a full run of everything, three rounds', () => {
    expect(parseArgs([], scenarios)).toEqual({
      quick: false,
      only: undefined,
      rounds: 3,
      writeReadme: false,
      help: false,
    });
  });

  it('takes one round with --quick unless --rounds says otherwise', () => {
    expect(parseArgs(['--quick'], scenarios).rounds).toBe(1);
    expect(parseArgs(['--quick', '--rounds=2'], scenarios).rounds).toBe(2);
    expect(parseArgs(['--rounds=5'], scenarios).rounds).toBe(5);
  });

  it('ignores the "--" pnpm passes through', () => {
    expect(parseArgs(['--', '--quick'], scenarios).quick).toBe(true);
  });

  it('keeps the named scenarios once each, in the order given', () => {
    expect(parseArgs(['--only=nats, redis,nats'], scenarios).only).toEqual(['nats', 'redis']);
  });

  it('refuses unknown scenarios, flags and rounds with a message', () => {
    expect(() => parseArgs(['--only=kafka'], scenarios)).toThrow(/unknown scenario "kafka"; known: redis, nats/);
    expect(() => parseArgs(['--only='], scenarios)).toThrow(ArgsError);
    expect(() => parseArgs(['--fast'], scenarios)).toThrow(/unknown argument "--fast"/);
    for (const rounds of ['0', '-1', '1.5', 'x', '100']) {
      expect(() => parseArgs([`--rounds=${rounds}`], scenarios)).toThrow(/--rounds must be/);
    }
  });

  it('rewrites the README only from a full run', () => {
    expect(parseArgs(['--write-readme'], scenarios).writeReadme).toBe(true);
    expect(() => parseArgs(['--write-readme', '--quick'], scenarios)).toThrow(/needs a full run/);
    expect(() => parseArgs(['--write-readme', '--only=redis'], scenarios)).toThrow(/needs a full run/);
  });

  it('asks for help', () => {
    expect(parseArgs(['--help'], scenarios).help).toBe(true);
    expect(usage(scenarios)).toContain('Scenarios: redis, nats, v1-json');
  });
});
