import { describe, expect, it } from 'vitest';
import { createProgress } from '../../../src/cli/progress.js';
import { measureWidth } from '../../../src/report/format.js';

function createFakeStream(): { write(chunk: string): void; chunks: string[]; text(): string } {
  const chunks: string[] = [];
  return { chunks, write: (chunk) => void chunks.push(chunk), text: () => chunks.join('') };
}

function createFakeClock(start = 1_000_000): { now(): number; advance(ms: number): void } {
  let current = start;
  return { now: () => current, advance: (ms) => void (current += ms) };
}

describe('createProgress off a TTY', () => {
  it('prints a plain line at every 10% and a closing line', () => {
    const stream = createFakeStream();
    const clock = createFakeClock();
    const progress = createProgress({ stream, isTTY: false, total: 20, label: 'import', now: clock.now });
    for (let i = 0; i < 20; i += 1) {
      clock.advance(500);
      progress.tick();
    }
    progress.done();
    expect(stream.text()).toBe(
      [
        'import: 2/20 (10%) 2.0/s, ETA 9s',
        'import: 4/20 (20%) 2.0/s, ETA 8s',
        'import: 6/20 (30%) 2.0/s, ETA 7s',
        'import: 8/20 (40%) 2.0/s, ETA 6s',
        'import: 10/20 (50%) 2.0/s, ETA 5s',
        'import: 12/20 (60%) 2.0/s, ETA 4s',
        'import: 14/20 (70%) 2.0/s, ETA 3s',
        'import: 16/20 (80%) 2.0/s, ETA 2s',
        'import: 18/20 (90%) 2.0/s, ETA 1s',
        'import: done 20/20 in 10.0 s',
        '',
      ].join('\n'),
    );
    expect(stream.text()).not.toContain('\r');
  });

  it('also prints a line when the interval passes without reaching the next 10%', () => {
    const stream = createFakeStream();
    const clock = createFakeClock();
    const progress = createProgress({ stream, isTTY: false, total: 1000, label: 'verify', now: clock.now, intervalMs: 5000 });
    clock.advance(4000);
    progress.tick(10, 'tasks/TASK001-import-pipeline.md');
    expect(stream.chunks).toEqual([]);
    clock.advance(1000);
    progress.tick(10);
    expect(stream.chunks).toEqual(['verify: 20/1000 (2%) 4.0/s, ETA 4m05s — tasks/TASK001-import-pipeline.md\n']);
  });

  it('logs one line per decile even when a tick jumps several, and counts with an unknown total', () => {
    const stream = createFakeStream();
    const clock = createFakeClock();
    const progress = createProgress({ stream, isTTY: false, total: 10, label: 'plan', now: clock.now });
    clock.advance(1000);
    progress.tick(4);
    progress.tick(0);
    expect(stream.chunks).toEqual(['plan: 4/10 (40%) 4.0/s, ETA 2s\n']);

    const unknown = createFakeStream();
    const counting = createProgress({ stream: unknown, isTTY: false, total: 0, label: 'discover', now: clock.now, intervalMs: 1000 });
    clock.advance(1000);
    counting.tick(25);
    counting.done();
    counting.done();
    counting.tick();
    expect(unknown.chunks).toEqual(['discover: 25 done 25/s\n', 'discover: done 25 in 1.0 s\n']);
  });
});

describe('createProgress on a TTY', () => {
  it('redraws one line with bar, count, percent, rate and ETA, then ends it with a newline', () => {
    const stream = createFakeStream();
    const clock = createFakeClock();
    const progress = createProgress({ stream, isTTY: true, total: 4, label: 'import', now: clock.now, barWidth: 8 });
    clock.advance(1000);
    progress.tick(1, 'TASK001');
    clock.advance(1000);
    progress.tick();
    clock.advance(2000);
    progress.tick(2);
    progress.done();
    expect(stream.chunks).toEqual([
      '\rimport [##------] 1/4 25% 1.0/s ETA 3s TASK001',
      '\rimport [####----] 2/4 50% 1.0/s ETA 2s TASK001',
      '\rimport [########] 4/4 100% 1.0/s ETA 0s TASK001',
      '\rimport [########] 4/4 100% 1.0/s ETA 0s TASK001',
      '\n',
    ]);
    expect(stream.text()).not.toMatch(/\n(?!$)/);
  });

  it('throttles redraws and erases leftovers of a longer previous line', () => {
    const stream = createFakeStream();
    const clock = createFakeClock();
    const progress = createProgress({ stream, isTTY: true, total: 100, label: 'sync', now: clock.now, barWidth: 4, redrawMs: 100 });
    clock.advance(1000);
    progress.tick(1, 'a-long-file-name.md');
    clock.advance(10);
    progress.tick(1, 'x.md');
    expect(stream.chunks).toHaveLength(1);
    clock.advance(100);
    progress.tick(1, 'x.md');
    expect(stream.chunks).toHaveLength(2);
    const [first, second] = stream.chunks as [string, string];
    expect(first).toBe('\rsync [----] 1/100 1% 1.0/s ETA 1m39s a-long-file-name.md');
    // The shorter line erases the rest of the longer one with an escape, not padding that could wrap.
    expect(second).toBe('\rsync [----] 3/100 3% 2.7/s ETA 36s x.md\u001b[K');
  });

  it('keeps the line inside the terminal width', () => {
    const stream = createFakeStream();
    const clock = createFakeClock();
    const progress = createProgress({ stream, isTTY: true, total: 10, label: 'import', now: clock.now, columns: 30 });
    clock.advance(1000);
    progress.tick(1, 'memory-bank/tasks/TASK001-import-pipeline.md');
    const line = (stream.chunks[0] ?? '').slice(1);
    expect([...line].length).toBeLessThanOrEqual(29);
    expect(line.endsWith('…')).toBe(true);
  });

  it('on a 50-column terminal every redraw fits in 49 columns (no wrap, so no line left per redraw) and keeps the ETA', () => {
    const stream = createFakeStream();
    const clock = createFakeClock();
    const progress = createProgress({ stream, isTTY: true, total: 496, label: 'migrate', now: clock.now, columns: 50, redrawMs: 0 });
    for (let i = 0; i < 496; i += 1) {
      clock.advance(50);
      progress.tick(1, i % 2 === 0 ? 'memory-bank/tasks/TASK001-import-pipeline.md' : '任务/导入管道.md');
    }
    progress.done();
    const redraws = stream.text().split('\r').filter((chunk) => chunk !== '');
    expect(redraws.length).toBeGreaterThan(100);
    for (const chunk of redraws) {
      const visible = chunk.replace(/\u001b\[K/g, '').replace(/\n$/, '');
      expect(measureWidth(visible)).toBeLessThanOrEqual(49);
      expect(visible).toContain('ETA');
    }
  });

  it('measures CJK and emoji notes by terminal width, not by code points', () => {
    const stream = createFakeStream();
    const clock = createFakeClock();
    const progress = createProgress({ stream, isTTY: true, total: 10, label: 'import', now: clock.now, columns: 60 });
    clock.advance(1000);
    progress.tick(1, '任务清单/导入管道的离线缓存和标签建议功能🎉🎉🎉.md');
    const line = (stream.chunks[0] ?? '').slice(1);
    expect(measureWidth(line)).toBeLessThanOrEqual(59);
    expect(line.endsWith('…')).toBe(true);
  });
});

describe('the ETA on work that is not uniform', () => {
  it('follows the slow part as soon as it starts instead of promising the fast average', () => {
    // A migration: 240 creates in bulk go fast (2 s), then 256 label/relation/comment writes at 5 per second.
    const stream = createFakeStream();
    const clock = createFakeClock();
    const progress = createProgress({ stream, isTTY: false, total: 496, label: 'migrate', now: clock.now, intervalMs: 1_000_000 });
    for (let i = 0; i < 240; i += 10) {
      clock.advance(83);
      progress.tick(10);
    }
    for (let i = 0; i < 58; i += 1) {
      clock.advance(200);
      progress.tick(1);
    }
    // 298 done (60%) at 13.6 s; the true remaining time is 198 / 5 per second ≈ 40 s. The average since the
    // start (22/s) would say 9 s.
    const last = stream.chunks.at(-1) ?? '';
    expect(last).toMatch(/^migrate: 298\/496 \(60%\) /);
    const eta = /ETA (\d+)s/.exec(last);
    expect(Number(eta?.[1])).toBeGreaterThanOrEqual(35);
  });
});

describe('the ETA counts writes when the run tells them', () => {
  it('does not promise the speed of bulk creates (many ops per request) for the one-request-per-op writes after them', () => {
    // 240 creates in 24 bulk requests of 10 go fast, then 256 label/relation/comment writes follow, one request
    // each: 280 requests for 496 ops.
    const run = (withWrites: boolean): string => {
      const stream = createFakeStream();
      const clock = createFakeClock();
      const progress = createProgress({ stream, isTTY: false, total: 496, label: 'migrate', now: clock.now, intervalMs: 1_000_000 });
      for (let batch = 1; batch <= 24; batch += 1) {
        clock.advance(83);
        if (withWrites) progress.work(batch, 280);
        progress.tick(10);
      }
      return stream.chunks.at(-1) ?? '';
    };
    // At 40% (200 ops, 20 requests in 1.7 s): 260 requests remain at 12 per second, about 22 s. Counting ops
    // (120 per second) would say 3 s.
    const counted = run(true);
    expect(counted).toMatch(/^migrate: 200\/496 \(40%\) /);
    expect(Number(/ETA (\d+)s/.exec(counted)?.[1])).toBeGreaterThanOrEqual(20);
    expect(Number(/ETA (\d+)s/.exec(run(false))?.[1])).toBeLessThan(5);
  });

  it('says 0s once every write is done, and the bar still counts ops', () => {
    const stream = createFakeStream();
    const clock = createFakeClock();
    const progress = createProgress({ stream, isTTY: true, total: 4, label: 'import', now: clock.now, redrawMs: 0 });
    clock.advance(1000);
    progress.work(1, 2);
    progress.tick(3);
    clock.advance(1000);
    progress.work(2, 2);
    progress.tick(1);
    expect(stream.chunks).toEqual(['\rimport [##################------] 3/4 75% 3.0/s ETA 1s', '\rimport [########################] 4/4 100% 2.0/s ETA 0s']);
  });
});
