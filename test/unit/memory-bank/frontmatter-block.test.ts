/**
 * `readYamlBlock` is the one reading of a frontmatter block, for discovery and the parser. Most blocks are plain
 * `key: value` lines, which it reads without loading the `yaml` package: that reading must be the package's own
 * (failsafe schema, plain empty/~/null as null), checked here against the package on hand-written lines and on every
 * frontmatter block of the shared corpus.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseDocument, visit } from 'yaml';
import { findFrontmatterBlock, readYamlBlock } from '../../../src/memory-bank/frontmatter.js';

const corpus = fileURLToPath(new URL('../../../../shared/memory-banks/corpus/', import.meta.url));

/** The `yaml` package's reading of the lines: the data, or that it is not valid. */
function readWithPackage(lines: readonly string[]): unknown {
  const document = parseDocument(lines.join('\n'), { schema: 'failsafe' });
  if (document.errors.length > 0) return 'invalid';
  visit(document, {
    Scalar(key, node) {
      if (key !== 'key' && node.type === 'PLAIN' && /^(?:|~|null|Null|NULL)$/u.test(String(node.value))) node.value = null;
    },
  });
  let data: unknown;
  try {
    data = document.toJS();
  } catch {
    // An alias without its anchor: not valid either.
    return 'invalid';
  }
  return typeof data === 'object' && data !== null && !Array.isArray(data) ? data : null;
}

function readWithReader(lines: readonly string[]): unknown {
  const read = readYamlBlock(lines, 0, lines.length);
  return read.error !== null ? 'invalid' : read.data;
}

function listMarkdown(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listMarkdown(path) : name.endsWith('.md') ? [path] : [];
  });
}

describe('readYamlBlock', () => {
  it.each([
    ['plain values, as written', ['title: Ship the C# client', 'status: in progress', 'due: 2026-03-12', 'weight: 0.50', 'draft: true']],
    ['empty, ~ and null values', ['owner:', 'reviewer: ~', 'lead: null', 'other: NULL', 'kept: nullish']],
    ['spaces after a value and blank lines', ['title: Spaces after   ', '', 'status:    done']],
    ['braces and brackets inside a value', ['title: Use {id} in [the] path', 'note: a,b,c']],
    ['a comment after a value', ['status: done # shipped on Monday']],
    ['a colon inside a value', ['title: Fix: the login loop']],
    ['a colon at the end of a value', ['title: Steps:']],
    ['the same key twice', ['status: todo', 'status: done']],
    ['quoted values and keys', ['"title": "Move the API"', "status: 'in progress'"]],
    ['a value opening with an indicator', ['title: *bold*', 'status: -done']],
    ['lists and maps', ['tags:', '  - a', '  - b', 'block: {a: 1}']],
    ['a block scalar', ['title: >-', '  Two', '  lines']],
    ['a flow map', ['{title: Rotate the keys, status: todo}']],
    ['a tab in a value', ['title: a\tb']],
    ['quoted values with and without escapes', ['title: "Wave 4: the \\"big\\" one"', 'owner: \'Ann\'\'s\'', 'plain: "x" # c', "empty: ''"]],
    ['keys in other letters and of several words', ['état: en cours', 'ステータス: 完了', 'Task Name: Write the notes', 'Due  Date: 2026-05-10', 'key : value']],
    ['flow lists of plain items', ['tags: [wave-4, code completion, 7]', 'none: []', 'spaced: [ a ,b ]']],
    ['flow lists YAML reads otherwise', ['a: [x, y,]', 'b: [x: 1]', 'c: ["q", r]', 'd: [[n]]', 'e: [-x]', 'f: [, x]', 'g: [*a]']],
  ])('%s: read as the yaml package reads it, the block and each line alone', (_name, lines) => {
    expect(readWithReader(lines)).toEqual(readWithPackage(lines));
    // One line the fast reading gets wrong would otherwise hide behind another that sends the block to the package.
    for (const line of lines) expect(readWithReader([line]), line).toEqual(readWithPackage([line]));
  });

  it('reads every frontmatter block of the shared corpus as the yaml package does', () => {
    let blocks = 0;
    for (const path of listMarkdown(corpus)) {
      const lines = readFileSync(path, 'utf8').replace(/^\uFEFF/u, '').replace(/\r\n?/gu, '\n').split('\n');
      const block = findFrontmatterBlock(lines);
      if (block === null) continue;
      blocks++;
      const inner = lines.slice(block.open + 1, block.close);
      expect(readWithReader(inner), path).toEqual(readWithPackage(inner));
    }
    expect(blocks).toBeGreaterThan(50);
  });
});
