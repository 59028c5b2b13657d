/**
 * Small text helpers shared by the report renderers and the `runs`/`show` commands: durations, timestamps,
 * truncation, terminal widths and safe display of values.
 */
import stringWidth from 'string-width';
import { stripAnsi } from './style.js';

/** Formats a duration for people: `850 ms`, `12.3 s`, `4 min 05 s`, `1 h 02 min`; `—` when unknown. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const wholeSeconds = Math.round(seconds);
  const minutes = Math.floor(wholeSeconds / 60);
  if (minutes < 60) return `${minutes} min ${String(wholeSeconds % 60).padStart(2, '0')} s`;
  const hours = Math.floor(minutes / 60);
  return `${hours} h ${String(minutes % 60).padStart(2, '0')} min`;
}

/** Shows an ISO 8601 UTC timestamp to the second: `2026-11-21 13:40:00Z`; other text is returned unchanged. */
export function formatTimestamp(iso: string | null | undefined): string {
  if (iso === null || iso === undefined || iso === '') return '—';
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(?:\.\d+)?Z$/.exec(iso);
  return match === null ? iso : `${match[1]} ${match[2]}Z`;
}

/** Milliseconds between two ISO timestamps, or null when either is missing or unreadable. */
export function measureDurationMs(startedAt: string | null | undefined, finishedAt: string | null | undefined): number | null {
  if (startedAt === null || startedAt === undefined || finishedAt === null || finishedAt === undefined) return null;
  const start = Date.parse(startedAt);
  const end = Date.parse(finishedAt);
  return Number.isNaN(start) || Number.isNaN(end) || end < start ? null : end - start;
}

/** Cuts text to `max` characters (ending with `…`) and folds line breaks into spaces. */
export function truncateText(text: string, max: number): string {
  const flat = text.replace(/\s*\r?\n\s*/g, ' ');
  return flat.length <= max ? flat : `${flat.slice(0, Math.max(0, max - 1))}…`;
}

/** Shows any value compactly (JSON for objects, `null`/`undefined` spelled out), cut to `max` characters. */
export function describeValue(value: unknown, max = 60): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'string') return truncateText(JSON.stringify(value), max);
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return truncateText(text, max);
}

/** Removes user info (`user:password@`), query and fragment from a URL before it is shown. */
export function sanitiseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    parsed.search = '';
    parsed.hash = '';
    return parsed.toString().replace(/\/$/, '');
  } catch {
    return url.replace(/\/\/[^/@\s]*@/, '//');
  }
}

/** Formats `n noun` with a plain English plural (`1 row`, `3 rows`). */
export function pluralise(count: number, noun: string, plural = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : plural}`;
}

/** Visible width of text in terminal columns: ANSI colour ignored, CJK and emoji counted as two (string-width). */
export function measureWidth(text: string): number {
  return stringWidth(text);
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * Fits one line to a terminal `columns` wide: unchanged when it fits, else cut (by visible width, never inside
 * a character) and ended with `…`. A cut line loses its colours, so no escape sequence is left open.
 */
export function fitToWidth(line: string, columns: number | undefined): string {
  if (columns === undefined || !Number.isFinite(columns) || columns < 2 || stringWidth(line) <= columns) return line;
  const plain = stripAnsi(line);
  let out = '';
  let width = 0;
  for (const { segment } of graphemes.segment(plain)) {
    const next = stringWidth(segment);
    if (width + next > columns - 1) break;
    out += segment;
    width += next;
  }
  return `${out}…`;
}
