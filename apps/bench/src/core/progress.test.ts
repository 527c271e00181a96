import { describe, expect, it } from 'vitest';
import { ProgressBar, renderBar } from './progress.js';

describe('renderBar', () => {
  it('fills in proportion and clamps', () => {
    expect(renderBar({ title: 'redis', done: 5, total: 10, detail: 'produce' }, 10)).toBe(
      'redis █████░░░░░  50%  produce',
    );
    expect(renderBar({ title: 't', done: 20, total: 10, detail: '' }, 4)).toBe('t ████ 100%  ');
    expect(renderBar({ title: 't', done: 1, total: 0, detail: '' }, 4)).toBe('t ░░░░   0%  ');
  });
});

describe('ProgressBar', () => {
  it('prints a line per phase and a summary in a log', () => {
    const lines: string[] = [];
    const bar = new ProgressBar({ isTTY: false, write: (text) => lines.push(text) }, '[1/3] kcat', 3);
    bar.startPhase('produce', 1);
    bar.update(1);
    bar.startPhase('consume', 2);
    bar.finish('done in 2 s');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^\[1\/3\] kcat \+0\.\d s produce\.\.\.\n$/);
    expect(lines[1]).toMatch(/^\[1\/3\] kcat \+\d+\.\d s consume\.\.\.\n$/);
    expect(lines[2]).toMatch(/^\[1\/3\] kcat \+\d+\.\d s done in 2 s\n$/);
  });

  it('redraws in place on a terminal and ends with a full bar', () => {
    const written: string[] = [];
    const bar = new ProgressBar({ isTTY: true, columns: 200, write: (text) => written.push(text) }, 'nats', 10);
    bar.startPhase('produce', 10);
    bar.update(5);
    bar.finish('ok');
    expect(written[0]).toContain('produce 0 / 10');
    const last = written.at(-1) ?? '';
    expect(last.startsWith('\r\u001b[2Knats ')).toBe(true);
    expect(last.endsWith('██ 100%  ok\n')).toBe(true);
  });
});
