import { describe, expect, it } from 'vitest';
import { makePlan } from '../core/plan.js';
import { END_MARKER, renderSection, replaceSection, START_MARKER } from './readme-section.js';

describe('the README section', () => {
  it('replaces only the text between the markers', () => {
    const readme = `# Title\n\n## Performance\n\nintro\n\n${START_MARKER}\nold\n${END_MARKER}\n\n## Next\n`;
    expect(replaceSection(readme, 'new')).toBe(
      `# Title\n\n## Performance\n\nintro\n\n${START_MARKER}\nnew\n${END_MARKER}\n\n## Next\n`,
    );
    expect(() => replaceSection('# no markers', 'x')).toThrow(/no <!-- bench:start -->/);
  });

  it('says what ran where, links the JSON and the chart, and lists what was skipped', () => {
    const section = renderSection({
      startedAt: new Date('2026-11-28T10:00:00Z'),
      revision: 'abc1234',
      durationSeconds: 1140,
      plan: makePlan(false, 3),
      machine: {
        cores: 2,
        cpuModel: 'AMD EPYC',
        memoryBytes: 24 * 1024 ** 3,
        node: 'v20.20.2',
        platform: 'linux',
        kernel: '6.1.0',
        loadAverageAtStart: [1.5, 2, 2.5],
        loadAverageAtEnd: [3, 2, 1],
      },
      tools: { node: 'v20.20.2', 'redis-server': '7.0.15' },
      jsonPath: 'apps/bench/bench-results/x.json',
      chartPath: 'apps/bench/bench-results/x.svg',
      throughputTable: '| throughput |',
      targetsTable: '| targets |',
      otherFiguresTable: '| other |',
      outcomes: [
        { id: 'nats', title: 'NATS', status: 'skipped', reason: 'nats-server not installed', seconds: 0, notes: [] },
        { id: 'sdk', title: 'SDK', status: 'ok', seconds: 10, notes: ['a note'] },
      ],
    });
    expect(section).toContain(
      '`pnpm bench` at abc1234 on 2026-11-28, 2 cores (AMD EPYC), 24 GiB, Node v20.20.2, linux 6.1.0; 19 minutes',
    );
    expect(section).toContain('Load average 1.5 2 2.5 at the start and 3 2 1 at the end');
    expect(section).toContain('1,000,000 records of 100 B per throughput scenario, medians of 3 rounds');
    expect(section).toContain('[apps/bench/bench-results/x.json](apps/bench/bench-results/x.json)');
    expect(section).toContain('](apps/bench/bench-results/x.svg)');
    expect(section).toContain('Versions: redis-server 7.0.15.');
    expect(section).toContain('- `nats` skipped: nats-server not installed');
    expect(section).toContain('- `sdk`: a note');
    expect(section.indexOf('| throughput |')).toBeLessThan(section.indexOf('| targets |'));
  });
});
