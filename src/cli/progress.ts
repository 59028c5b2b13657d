/**
 * A small progress reporter for long runs: one redrawn line on a TTY, plain log lines otherwise (every 10% or
 * every few seconds), so cron logs stay readable.
 */
import { fitToWidth, measureWidth } from '../report/format.js';

/** Where progress goes (stderr in the CLI). */
export interface ProgressStream {
  write(chunk: string): unknown;
}

/** Options for {@link createProgress}. */
export interface ProgressOptions {
  stream: ProgressStream;
  /** Redraw one line with `\r` (true) or print plain lines (false). */
  isTTY: boolean;
  /** Number of steps expected; 0 or less means unknown (no bar, no ETA). */
  total: number;
  label: string;
  /** Milliseconds now; defaults to `Date.now` (tests pass a fake clock). */
  now?: () => number;
  /** Off a TTY: also print a line when this long has passed since the last one (default 10 000 ms). */
  intervalMs?: number;
  /** On a TTY: minimum time between redraws (default 80 ms); the first and last draws always happen. */
  redrawMs?: number;
  /** On a TTY: terminal width, to keep the line from wrapping (default 80). */
  columns?: number;
  /** Width of the bar in characters (default 24; narrower on a narrow terminal). */
  barWidth?: number;
  /** The ETA uses the rate over this recent window when it is slower than the average (default 10 000 ms). */
  windowMs?: number;
}

/** A running progress display. */
export interface Progress {
  /** Counts `n` more steps done (default 1); `note` (e.g. the current file) is shown after the counts. */
  tick(n?: number, note?: string): void;
  /** Finishes the display: the final line on a TTY (then a newline), a closing log line otherwise. */
  done(): void;
  /**
   * The work behind the steps, in requests: `done` of `total` (a bulk create is one request for many steps, a
   * label one request for one). Once set, the ETA is the remaining requests at the recent request rate, so a
   * fast run of bulk creates does not promise the same speed for the one-request-per-step writes after it.
   */
  work(done: number, total: number): void;
}

function formatRate(perSecond: number): string {
  if (!Number.isFinite(perSecond) || perSecond <= 0) return '—/s';
  return perSecond >= 10 ? `${Math.round(perSecond)}/s` : `${perSecond.toFixed(1)}/s`;
}

function formatEta(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '—';
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m${String(seconds % 60).padStart(2, '0')}s`;
  return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}m`;
}

function formatElapsed(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/**
 * Creates a progress reporter. On a TTY it redraws a single line (`label [####----] 12/40 30% 4.2/s ETA 7s
 * note`); off a TTY it prints `label: 12/40 (30%) 4.2/s, ETA 7s` each time another 10% is done or
 * `intervalMs` has passed, and a closing line from `done()`.
 */
export function createProgress(options: ProgressOptions): Progress {
  const now = options.now ?? Date.now;
  const intervalMs = options.intervalMs ?? 10_000;
  const redrawMs = options.redrawMs ?? 80;
  const columns = Math.max(20, options.columns ?? 80);
  // The bar gives way first on a narrow terminal, so the counts and the ETA stay on the one line.
  const barWidth = Math.max(4, Math.min(options.barWidth ?? 24, columns - 56));
  const windowMs = options.windowMs ?? 10_000;
  const samples: Array<{ at: number; count: number }> = [];
  const total = Number.isFinite(options.total) && options.total > 0 ? Math.floor(options.total) : 0;
  const started = now();
  let count = 0;
  let note = '';
  let lastDraw = Number.NEGATIVE_INFINITY;
  let lastLogAt = started;
  let lastDecile = 0;
  let finished = false;
  let drawnWidth = 0;
  let workDone: number | null = null;
  let workTotal = 0;
  /** What the ETA counts: requests once `work` was told, else steps. */
  const measured = (): { done: number; total: number } => (workDone === null ? { done: count, total } : { done: workDone, total: workTotal });

  /**
   * The rate for the ETA: the slower of the average since the start and the rate over the last `windowMs`.
   * Work is not uniform (a bulk create finishes a hundred creates in one request, then labels and relations
   * go one request each), so the average alone promises far too little time early in a run; the recent rate
   * catches the slow part as soon as it starts.
   */
  const etaRate = (at: number, average: number): number => {
    while (samples.length > 1 && (samples[1]?.at ?? at) <= at - windowMs) samples.shift();
    const oldest = samples[0];
    if (oldest === undefined || at - oldest.at < windowMs / 4) return average;
    const recent = ((measured().done - oldest.count) * 1000) / (at - oldest.at);
    return Math.min(average, recent);
  };

  const stats = (): { rate: number; eta: number | null; percent: number | null } => {
    const at = now();
    const elapsedMs = at - started;
    const rate = elapsedMs > 0 ? (count * 1000) / elapsedMs : 0;
    const work = measured();
    const remaining = Math.max(0, work.total - work.done);
    const slowest = etaRate(at, elapsedMs > 0 ? (work.done * 1000) / elapsedMs : 0);
    const eta = total === 0 ? null : remaining === 0 ? 0 : slowest > 0 ? (remaining / slowest) * 1000 : null;
    const percent = total === 0 ? null : Math.min(100, Math.floor((count / total) * 100));
    return { rate, eta, percent };
  };

  const drawLine = (): void => {
    const { rate, eta, percent } = stats();
    const parts = [options.label];
    if (total > 0) {
      const filled = Math.min(barWidth, Math.round((count / total) * barWidth));
      parts.push(`[${'#'.repeat(filled)}${'-'.repeat(barWidth - filled)}]`, `${count}/${total}`, `${percent ?? 0}%`);
    } else {
      parts.push(String(count));
    }
    parts.push(formatRate(rate));
    if (total > 0) parts.push(`ETA ${formatEta(eta)}`);
    if (note !== '') parts.push(note);
    // One column short of the terminal: a line that fills it exactly wraps on some terminals, and a wrapped
    // line is never redrawn in place (each redraw would leave a line behind).
    const line = fitToWidth(parts.join(' '), columns - 1);
    const width = measureWidth(line);
    // Erase what a longer previous line left, with an escape (no padding that could itself wrap).
    const clear = drawnWidth > width ? '\u001b[K' : '';
    options.stream.write(`\r${line}${clear}`);
    drawnWidth = width;
    lastDraw = now();
  };

  const logLine = (): void => {
    const { rate, eta, percent } = stats();
    const counts = total > 0 ? `${count}/${total} (${percent ?? 0}%)` : `${count} done`;
    const tail = total > 0 ? `, ETA ${formatEta(eta)}` : '';
    const suffix = note === '' ? '' : ` — ${note}`;
    options.stream.write(`${options.label}: ${counts} ${formatRate(rate)}${tail}${suffix}\n`);
    lastLogAt = now();
  };

  return {
    tick(n = 1, tickNote) {
      if (finished) return;
      count += Math.max(0, n);
      samples.push({ at: now(), count: measured().done });
      if (tickNote !== undefined) note = tickNote;
      if (options.isTTY) {
        if (now() - lastDraw >= redrawMs || (total > 0 && count >= total)) drawLine();
        return;
      }
      const decile = total > 0 ? Math.min(10, Math.floor((count * 10) / total)) : 0;
      if (decile > lastDecile) {
        lastDecile = decile;
        if (count < total) logLine();
      } else if (now() - lastLogAt >= intervalMs) {
        logLine();
      }
    },
    work(done, all) {
      workDone = Math.max(0, done);
      workTotal = Math.max(workDone, all);
    },
    done() {
      if (finished) return;
      finished = true;
      const elapsed = formatElapsed(now() - started);
      if (options.isTTY) {
        drawLine();
        options.stream.write('\n');
        return;
      }
      const counts = total > 0 ? `${count}/${total}` : String(count);
      options.stream.write(`${options.label}: done ${counts} in ${elapsed}\n`);
    },
  };
}
