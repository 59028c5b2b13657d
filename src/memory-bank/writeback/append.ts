/**
 * Appends tasks added in Vikunja to a memory-bank file (the inbox) as checklist items that carry their marker:
 * `- [ ] Title <!-- membank: mb-0123456789abcdef vikunja #42 -->`. The comment is invisible when the Markdown is
 * rendered and is read back by {@link readAppendedMarker}.
 */
import type { AppendedItem } from '../../core/source-edit.js';
import { dominantEol, readSourceText, writeSourceText, type SourceLine } from './text.js';

/** First line of an inbox file membank creates. */
export const inboxHeader = '# Vikunja inbox';

const appendedMarkerPattern = /<!--\s*membank:\s*(mb-[0-9a-f]{16})\s+vikunja\s+#(\d+)\s*-->/u;

/** The marker and Vikunja task id carried by an appended item's line, or null when the line carries none. */
export function readAppendedMarker(line: string): { marker: string; taskId: number } | null {
  const match = appendedMarkerPattern.exec(line);
  if (match === null) return null;
  return { marker: match[1] ?? '', taskId: Number(match[2]) };
}

/** The checklist line of one appended item (no line break). */
export function renderAppendedItem(item: AppendedItem): string {
  // A title is one line of Markdown: line breaks become spaces, and a `<!--` in it cannot open a comment that would
  // swallow the marker.
  const title = item.title.replace(/[\r\n]+/gu, ' ').replace(/<!--/gu, '< !--').trim();
  return `- [${item.done ? 'x' : ' '}] ${title} <!-- membank: ${item.marker} vikunja #${item.taskId} -->`;
}

/**
 * Bytes of the file with `items` appended as checklist items in the file's line ending (its BOM and every other
 * byte kept); for a new file (`bytes` null), a header line, a blank line, then the items, LF-terminated.
 */
export function appendItems(bytes: Uint8Array | null, items: readonly AppendedItem[]): Uint8Array {
  if (bytes === null) {
    const lines: SourceLine[] = [{ text: inboxHeader, eol: '\n' }, { text: '', eol: '\n' }];
    for (const item of items) lines.push({ text: renderAppendedItem(item), eol: '\n' });
    return writeSourceText({ bom: false, encoding: 'utf-8', lines });
  }
  const source = readSourceText(bytes);
  if (items.length === 0) return bytes;
  const eol = dominantEol(source.lines);
  const last = source.lines[source.lines.length - 1];
  // A file whose last line has no break gets one before the first new item; an empty file is just the items.
  if (last !== undefined && last.text === '' && last.eol === '') source.lines.pop();
  else if (last !== undefined && last.eol === '') last.eol = eol;
  for (const item of items) source.lines.push({ text: renderAppendedItem(item), eol });
  return writeSourceText(source);
}
