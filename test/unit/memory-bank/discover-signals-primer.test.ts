/**
 * discover-signals.ts scans a small primer text at load so that V8 has seen every kind of line before it compiles the
 * scanner (a rare line reaching the compiled scan makes V8 compile it again). The primer is only useful if it reaches
 * every reading of the scanner, with both line ends; and scanning it leaves nothing behind (the scan is pure).
 */
import { describe, expect, it } from 'vitest';
import { placeholderKindList } from '../../../src/memory-bank/discover-patterns.js';
import { scanMarkdown, scannerPrimerLines } from '../../../src/memory-bank/discover-signals.js';

describe('the scanner primer', () => {
  const signals = scanMarkdown(scannerPrimerLines.join('\n'));

  it('reaches every kind of line the scanner reads', () => {
    expect(signals.frontmatter).not.toBeNull();
    expect(new Set(signals.headings.map((heading) => heading.level))).toEqual(new Set([1, 2, 3]));
    expect(signals.tables.length).toBeGreaterThan(0);
    expect(signals.checkboxes.open).toBeGreaterThan(0);
    expect(signals.checkboxes.done).toBeGreaterThan(0);
    expect(signals.kiroItems).toBeGreaterThan(0);
    expect(signals.requirementsRefs).toBeGreaterThan(0);
    // A bold field in a line, in a table row, and in a `| **Name** | value |` line outside a table.
    expect(signals.boldFields.map((field) => field.name)).toEqual(expect.arrayContaining(['status', 'owner', 'priority', 'bold']));
    expect(signals.rooStamps.count).toBeGreaterThan(0);
    expect(signals.rooPreambleLine).not.toBeNull();
    expect(signals.taskRefLines).toBeGreaterThan(1);
    expect(signals.taskIdHeadingLine).not.toBeNull();
    expect(signals.taskmasterHeadingLine).not.toBeNull();
    expect([...signals.placeholders.kinds].sort()).toEqual([...placeholderKindList].sort());
    expect(signals.isoDates).toBeGreaterThan(0);
    expect(signals.fencedLines).toBeGreaterThan(0);
    expect(signals.mdLinks).toBeGreaterThan(0);
    expect(signals.headerStatus).not.toBeNull();
    expect(signals.definitionItems.length).toBeGreaterThan(0);
    expect(signals.statusLeads.length).toBeGreaterThan(0);
    expect(signals.statusMarks.open).toBeGreaterThan(0);
    expect(signals.statusMarks.done).toBeGreaterThan(0);
    // Under an item, with an ASCII and a full-width colon.
    expect(signals.itemStatusFields).toHaveLength(2);
  });

  it('reads the same with CRLF line ends', () => {
    expect(scanMarkdown(scannerPrimerLines.join('\r\n'))).toEqual(signals);
  });
});
