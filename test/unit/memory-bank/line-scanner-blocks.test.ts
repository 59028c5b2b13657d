/**
 * The line scanner turns each top-level block into its mdast node as soon as the block closes and drops the block
 * (issue #13 "Speed"): a big file's blocks then die young instead of being copied into the old generation, and the
 * tree keeps none of them alive. Converting early must not change what the scanner answers: a node the fast reader
 * declines is only fatal to the file where converting after the scan would have met it.
 */
import { describe, expect, it } from 'vitest';
import { scanMarkdown, type DeclinedLines } from '../../../src/memory-bank/line-scanner.js';
import { parseMarkdown } from '../../../src/memory-bank/markdown.js';
import { runFreshModule } from '../../helpers/fresh-process.js';
import { readShape } from '../../helpers/mdast-shape.js';

function scanWithParts(source: string): { tree: ReturnType<typeof scanMarkdown>; parts: { reason: string; part: DeclinedLines | null }[] } {
  const parts: { reason: string; part: DeclinedLines | null }[] = [];
  const tree = scanMarkdown(source, undefined, (reason, part) => parts.push({ reason, part }));
  return { tree, parts };
}

// `- a &amp;` with a lazy `===` line: the item's text reads as a heading alone, so the fast reader declines its node.
const declinedItem = ['- a &amp;', '==='];

describe('line scanner: blocks turned into nodes as they close', () => {
  it('ignores a declined node that lies in the part remark reads anyway (after the last heading before a declined line)', () => {
    const source = ['# A', '', 'para', '', '# B', '', ...declinedItem, '', 'after the list', '', '-\tx', '', '# C', '', 'text', ''].join('\n');
    const { tree, parts } = scanWithParts(source);
    expect(parts).toEqual([{ reason: 'tab', part: { from: 5, to: 13 } }]);
    expect(tree === null ? null : readShape(tree)).toEqual(readShape(parseMarkdown(source)));
  });

  it('hands the whole file to remark for a declined node before that heading, as for one in a file read to the end', () => {
    const before = ['# A', '', ...declinedItem, '', 'after the list', '', '# B', '', '-\tx', '', '# C', ''].join('\n');
    expect(scanWithParts(before)).toEqual({ tree: null, parts: [{ reason: 'span reads differently alone', part: null }] });
    const whole = ['# A', '', ...declinedItem, '', 'after the list', '', '# B', '', 'text', ''].join('\n');
    expect(scanWithParts(whole)).toEqual({ tree: null, parts: [{ reason: 'span reads differently alone', part: null }] });
  });

  it('builds the same tree with many blocks closed before the end of the file', () => {
    const source = Array.from({ length: 40 }, (_, i) => `## Phase ${i}\n\n**Status:** done\n\n- [x] step ${i}\n  - [ ] sub ${i}\n\n| ID | Task |\n|----|------|\n| T${i} | Build ${i} |\n\n> quote ${i}\n`).join('\n');
    const { tree, parts } = scanWithParts(source);
    expect(parts).toEqual([]);
    expect(tree === null ? null : readShape(tree)).toEqual(readShape(parseMarkdown(source)));
  });

  it("keeps none of the scanner's blocks alive through the tree (a table's lazy rows used to hold its block, and so all of them)", () => {
    // In a fresh process: the live heap of a scanned tree with one table must be about that of the same tree without
    // it. Before, the table's lazy state held its block, whose parent (the scanner's root) held every block of the file.
    const childScript = `
import v8 from 'node:v8';
const { scanMarkdown } = await import(process.argv[1]);
const body = Array.from({ length: 2000 }, (_, i) => '## Phase ' + i + '\\n\\nWork on part ' + i + ' continued.\\n\\n- [x] Build part ' + i + '\\n- [ ] Test part ' + i + '\\n').join('\\n');
const table = '| ID | Task |\\n|----|------|\\n| T1 | Build |\\n\\n';
function measure(source) {
  globalThis.gc();
  const before = v8.getHeapStatistics().used_heap_size;
  const tree = scanMarkdown(source);
  globalThis.gc();
  const size = v8.getHeapStatistics().used_heap_size - before;
  if (tree === null || tree.children.length < 6000) throw new Error('the scanner did not read the document');
  return size;
}
// The smallest of three measurements each (a full GC leaves some noise in the heap's used size).
const liveSize = (source) => Math.min(measure(source), measure(source), measure(source));
liveSize(table + body);
process.stdout.write(JSON.stringify({ plain: liveSize(body), withTable: liveSize(table + body) }));
`;
    const output = runFreshModule([childScript], [new URL('../../../src/memory-bank/line-scanner.ts', import.meta.url).href], {
      nodeFlags: ['--expose-gc'],
    }).stdout;
    const { plain, withTable } = JSON.parse(output) as { plain: number; withTable: number };
    expect(plain).toBeGreaterThan(1024 * 1024);
    // Before: about twice (every block kept); after: the table's own few nodes.
    expect(withTable / plain).toBeLessThan(1.25);
  }, 60_000);
});
