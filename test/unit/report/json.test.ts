import { describe, expect, it } from 'vitest';
import type { RunReport } from '../../../src/core/report.js';
import { renderJson } from '../../../src/report/index.js';
import { createSampleReport } from './sample-report.js';

function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).reverse().map(([k, v]) => [k, reverseKeys(v)]));
}

describe('renderJson', () => {
  it('round-trips the report and ends with a newline', () => {
    const report = createSampleReport();
    const text = renderJson(report);
    expect(text.endsWith('}\n')).toBe(true);
    expect(JSON.parse(text)).toEqual(report);
  });

  it('puts top-level keys in the RunReport order', () => {
    const parsed = JSON.parse(renderJson(createSampleReport())) as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual([
      'runId',
      'command',
      'status',
      'startedAt',
      'finishedAt',
      'durationMs',
      'dryRun',
      'server',
      'project',
      'byKind',
      'byFile',
      'errors',
      'problems',
      'requests',
      'verify',
      'journal',
      'files',
    ]);
  });

  it('orders nested maps and records the same way whatever the input order', () => {
    const report = createSampleReport();
    const text = renderJson(report);
    expect(renderJson(reverseKeys(report) as RunReport)).toBe(text);
    const parsed = JSON.parse(text) as RunReport;
    expect(Object.keys(parsed.requests.byMethod)).toEqual(['GET', 'POST', 'PUT']);
    expect(Object.keys(parsed.byFile)[0]).toBe('memory-bank/features/offline-mode.md');
    expect(Object.keys(parsed.byKind.create ?? {})).toEqual(['planned', 'applied', 'failed', 'skipped', 'reverted']);
    expect(Object.keys(parsed.journal)).toEqual(['rows', 'pending', 'applied', 'failed', 'reverted']);
    expect(Object.keys(parsed.problems[0] ?? {})).toEqual(['severity', 'code', 'file', 'line', 'message', 'received', 'fix']);
  });

  it('pretty-prints with two spaces', () => {
    const text = renderJson(createSampleReport());
    expect(text.startsWith('{\n  "runId": "2026-11-21T13-40-00Z-k3x9q2",\n  "command": "migrate",')).toBe(true);
    expect(text).toContain('\n  "verify": {\n    "ok": false,\n    "checked": 23,');
  });
});
