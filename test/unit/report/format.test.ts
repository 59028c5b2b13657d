import { describe, expect, it } from 'vitest';
import {
  describeValue,
  formatDuration,
  formatTimestamp,
  measureDurationMs,
  renderTextTable,
  sanitiseUrl,
  truncateText,
} from '../../../src/report/index.js';

describe('report formatting helpers', () => {
  it('formats durations for people', () => {
    expect(formatDuration(null)).toBe('—');
    expect(formatDuration(-5)).toBe('—');
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(12_345)).toBe('12.3 s');
    expect(formatDuration(245_000)).toBe('4 min 05 s');
    expect(formatDuration(3_725_000)).toBe('1 h 02 min');
  });

  it('formats timestamps and measures durations between them', () => {
    expect(formatTimestamp('2026-11-21T13:40:00.123Z')).toBe('2026-11-21 13:40:00Z');
    expect(formatTimestamp('yesterday')).toBe('yesterday');
    expect(formatTimestamp(null)).toBe('—');
    expect(measureDurationMs('2026-11-21T13:40:00.000Z', '2026-11-21T13:40:01.500Z')).toBe(1500);
    expect(measureDurationMs('2026-11-21T13:40:00.000Z', null)).toBeNull();
    expect(measureDurationMs('nonsense', '2026-11-21T13:40:01.500Z')).toBeNull();
  });

  it('cuts text and values, folding line breaks', () => {
    expect(truncateText('one\n  two', 20)).toBe('one two');
    expect(truncateText('abcdefghij', 5)).toBe('abcd…');
    expect(describeValue('2026-12-01')).toBe('"2026-12-01"');
    expect(describeValue(undefined)).toBe('undefined');
    expect(describeValue({ a: [1, 2] })).toBe('{"a":[1,2]}');
    expect(describeValue('x'.repeat(100), 10)).toBe('"xxxxxxxx…');
  });

  it('drops credentials, query and fragment from URLs', () => {
    expect(sanitiseUrl('http://u:p@localhost:3456/vikunja/?token=x#y')).toBe('http://localhost:3456/vikunja');
    expect(sanitiseUrl('not a url //user:pw@host')).toBe('not a url //host');
  });

  it('aligns table columns by visible width', () => {
    expect(renderTextTable([['a', 'bb'], ['\u001b[31mccc\u001b[39m', 'd']], { align: ['left', 'right'], indent: '> ' })).toEqual([
      '> a    bb',
      '> \u001b[31mccc\u001b[39m   d',
    ]);
  });
});
