/**
 * The line scanner over every Markdown file of the shared corpus (read in place from ../shared, never copied):
 * for each file it either declines (the parser then uses remark) or builds the tree remark builds.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { scanMarkdown } from '../../../src/memory-bank/line-scanner.js';
import { parseMarkdown } from '../../../src/memory-bank/markdown.js';
import { prepareSource } from '../../../src/memory-bank/parse.js';
import { readShape } from '../../helpers/mdast-shape.js';

const corpusDir = fileURLToPath(new URL('../../../../shared/memory-banks/corpus/', import.meta.url));

function listMarkdown(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return listMarkdown(path);
    return entry.name.endsWith('.md') ? [path] : [];
  });
}

describe.skipIf(!existsSync(corpusDir))('line scanner over the shared corpus', () => {
  const banks = existsSync(corpusDir) ? readdirSync(corpusDir).sort() : [];
  it.each(banks)('%s: every Markdown file reads as remark reads it, or is left to remark', (bank) => {
    const mismatched: string[] = [];
    let scanned = 0;
    const files = listMarkdown(join(corpusDir, bank));
    for (const path of files) {
      const prepared = prepareSource(readFileSync(path, 'utf8'), path);
      const tree = scanMarkdown(prepared.source, prepared.lines);
      if (tree === null) continue;
      scanned += 1;
      const expected = JSON.stringify(readShape(parseMarkdown(prepared.source)));
      if (JSON.stringify(readShape(tree)) !== expected) mismatched.push(path.slice(corpusDir.length));
    }
    expect(mismatched).toEqual([]);
    // The scanner reads most of every bank itself (declines are for block HTML, tabs and the like).
    expect(scanned).toBeGreaterThanOrEqual(Math.floor(files.length * 0.75));
  });
});
