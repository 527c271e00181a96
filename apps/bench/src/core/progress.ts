/**
 * One progress bar per scenario (per round): a title, a bar, a percentage and what the
 * scenario is doing now. On a terminal the bar redraws in place (at most 10 times a
 * second); in a log (not a TTY) it prints a line when a phase starts and when the bar
 * ends, with the seconds since the bar began, so logs stay short and still show where the
 * time went. `renderBar` is the pure part.
 */

export interface BarState {
  title: string;
  done: number;
  total: number;
  /** What is running now: "produce 520,000 / 1,000,000". */
  detail: string;
}

const FULL = '█';
const EMPTY = '░';

export function renderBar(state: BarState, width = 24): string {
  const fraction = state.total > 0 ? Math.min(1, Math.max(0, state.done / state.total)) : 0;
  const filled = Math.round(fraction * width);
  const percent = `${Math.floor(fraction * 100)}%`.padStart(4);
  return `${state.title} ${FULL.repeat(filled)}${EMPTY.repeat(width - filled)} ${percent}  ${state.detail}`;
}

export interface Output {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

const REDRAW_MS = 100;

export class ProgressBar {
  private done = 0;
  private phaseStart = 0;
  private phase = '';
  private phaseTotal = 0;
  private lastDraw = 0;
  private readonly started = Date.now();

  constructor(
    private readonly out: Output,
    private readonly title: string,
    private readonly total: number,
  ) {}

  /** Starts a phase of `units` units of work (records, requests, seconds...). */
  startPhase(name: string, units: number): void {
    this.finishPhase();
    this.phase = name;
    this.phaseStart = this.done;
    this.phaseTotal = units;
    if (!this.out.isTTY) this.out.write(`${this.title} ${this.elapsed()} ${name}...\n`);
    this.draw(true);
  }

  /** `doneInPhase` units of the current phase are done. */
  update(doneInPhase: number): void {
    this.done = this.phaseStart + Math.min(doneInPhase, this.phaseTotal);
    this.draw(false);
  }

  /** Ends the bar with a summary of the scenario. */
  finish(summary: string): void {
    this.finishPhase();
    this.done = this.total;
    if (this.out.isTTY) this.out.write(`\r\x1b[2K${this.line(summary)}\n`);
    else this.out.write(`${this.title} ${this.elapsed()} ${summary}\n`);
  }

  /** Seconds since the bar was made, as "+1.2 s". */
  private elapsed(): string {
    return `+${((Date.now() - this.started) / 1000).toFixed(1)} s`;
  }

  private finishPhase(): void {
    if (this.phase !== '') this.done = this.phaseStart + this.phaseTotal;
  }

  private line(detail: string): string {
    const text = renderBar({ title: this.title, done: this.done, total: this.total, detail });
    const columns = this.out.columns ?? 120;
    return text.length > columns - 1 ? text.slice(0, columns - 1) : text;
  }

  private draw(force: boolean): void {
    if (!this.out.isTTY) return;
    const now = Date.now();
    if (!force && now - this.lastDraw < REDRAW_MS) return;
    this.lastDraw = now;
    const inPhase = this.done - this.phaseStart;
    const detail = `${this.phase} ${inPhase.toLocaleString('en-US')} / ${this.phaseTotal.toLocaleString('en-US')}`;
    this.out.write(`\r\x1b[2K${this.line(detail)}`);
  }
}
