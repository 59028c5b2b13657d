/**
 * The fast Markdown → HTML path (src/memory-bank/render-html-fast.ts) gives exactly the string remark → rehype →
 * sanitize → stringify gives, for every record body of the fifteen shared corpus banks (read in place) and of the
 * bench's generated bank, and for hand-written edge cases on both sides of what it accepts; what it declines goes
 * to remark.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { writeBigBank } from '../../../bench/big-bank.js';
import { createDefaultConfig } from '../../../src/core/config.js';
import { discoverBanks } from '../../../src/memory-bank/discover.js';
import { parseFiles } from '../../../src/memory-bank/parse.js';
import { renderMarkdownToHtml, renderMarkdownWithRemark } from '../../../src/memory-bank/render-html.js';
import { renderSimpleMarkdown } from '../../../src/memory-bank/render-html-fast.js';
import { createNodeFileSystem } from '../../../src/runtime.js';

const corpus = fileURLToPath(new URL('../../../../shared/memory-banks/corpus/', import.meta.url));
const config = createDefaultConfig();

/** Renders `body` both ways; returns whether the fast path took it. */
function expectSameHtml(body: string, where: string): boolean {
  const normalised = body.replace(/\r\n?/g, '\n');
  const viaRemark = renderMarkdownWithRemark(body);
  const fast = renderSimpleMarkdown(normalised);
  if (fast !== null) expect(fast, `${where}: fast path differs from remark for ${JSON.stringify(body)}`).toBe(viaRemark);
  expect(renderMarkdownToHtml(body), where).toBe(viaRemark);
  return fast !== null;
}

describe('the fast renderer against remark', () => {
  it('renders every record body of the fifteen corpus banks to the same HTML', async () => {
    expect(existsSync(corpus), `${corpus}: the shared corpus sits beside the project root`).toBe(true);
    const banks = readdirSync(corpus, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
    expect(banks).toHaveLength(15);
    let bodies = 0;
    let fast = 0;
    let parts = 0;
    let fastParts = 0;
    for (const bank of banks) {
      const discover = await discoverBanks(`${corpus}${bank}`, { files: createNodeFileSystem(), config: config.discover });
      const { records } = parseFiles(discover.files, { vocabulary: config.vocabulary });
      for (const record of records) {
        if (record.body.trim() === '') continue;
        bodies += 1;
        const where = `${bank} ${record.source.path}:${record.source.line}`;
        if (expectSameHtml(record.body, where)) fast += 1;
        // Each block and each line of the body on its own as well: many more real inputs the fast path takes.
        const body = record.body.replace(/\r\n?/g, '\n');
        for (const part of new Set([...body.split(/\n{2,}/), ...body.split('\n')])) {
          if (part.trim() === '') continue;
          parts += 1;
          if (expectSameHtml(part, where)) fastParts += 1;
        }
      }
    }
    console.info(`render-fast: ${fast} of ${bodies} corpus bodies and ${fastParts} of ${parts} of their blocks and lines took the fast path`);
    // Both paths are exercised: the corpus is mostly rich Markdown (remark), with plain bodies and parts the fast path takes.
    expect(bodies).toBeGreaterThan(800);
    expect(fast).toBeGreaterThan(50);
    expect(fast).toBeLessThan(bodies);
    expect(fastParts).toBeGreaterThan(2000);
  }, 120_000);

  it('takes every body of the bench bank (headings, paragraphs, lists, strong, code, links) and matches remark', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'membank-render-fast-'));
    try {
      writeBigBank(dir, 32);
      const discover = await discoverBanks(dir, { files: createNodeFileSystem(), config: config.discover });
      const { records } = parseFiles(discover.files, { vocabulary: config.vocabulary });
      const bodies = records.filter((record) => record.body.trim() !== '');
      expect(bodies.length).toBe(32 * 7);
      for (const record of bodies) expect(expectSameHtml(record.body, record.key), record.body).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  const accepted = [
    'One line.',
    'Two lines\nof one paragraph.',
    '# H1\n## H2 with `code`\n###### H6',
    '## Heading\nText right after it.\n\nNext paragraph with **strong** and [a link](../x.md).',
    'Intro:\n- one\n- two\n\nOutro.',
    '1. first\n2. second\n3. third',
    '1. first\n1. first again',
    '+ plus\n+ items',
    '* star\n* items',
    'Text\n1. an ordered list interrupting it',
    'Quotes "double" and \'single\', a > b, 50% = ½, é ✅ 😀, (parens) {braces} #hash $dollar ^caret',
    '**Strong** at the start, **middle**, and **end**.',
    '**x**y and **2**.',
    '`a*b_c[d]e\\f` and `x`',
    '[link](https://example.com/path-a_b?q=1+2#frag) [rel](dir/file.md) [anchor](#top)',
    '2025-10-02 was a date, 1.5 a number.',
    '## C# notes',
  ];
  it.each(accepted)('takes %j and gives remark\'s HTML', (body) => {
    expect(expectSameHtml(body, 'accepted')).toBe(true);
  });

  const declined = [
    '- a\n\n- b', // loose list: items get <p>
    '- a\n\n1. b', // another list after a blank line: left to remark
    '- a\ncontinued', // lazy continuation
    '3. starts at three',
    'Text\n2. not a list here',
    '- [ ] task',
    '- [x] done',
    '_emphasis_ and snake_case',
    '*em*',
    '***',
    '- - -',
    '---',
    'Title\n===',
    'Title\n---',
    '> quote',
    '    indented code',
    '```\nfenced\n```',
    '~~strike~~',
    '| a | b |\n|---|---|\n| 1 | 2 |',
    'a | b\n--|--\n1 | 2',
    'see www.example.com',
    'see https://example.com',
    'mail me@example.com',
    'a &amp; b',
    'a < b',
    '<div>html</div>',
    '![image](x.png)',
    '[ref]\n\n[ref]: https://example.com',
    'footnote[^1]\n\n[^1]: note',
    'hard  \nbreak',
    'hard\\\nbreak',
    'tab\there',
    '## closing ##',
    '[a](HTTPS://x.com)',
    '[a](javascript:alert(1))',
    '[a](<x y>)',
    '[a](x "title")',
    '`` double ``',
    '` padded `',
    'multi `line\ncode`',
    '**a\nb**',
    'a**b**',
    '** spaced **',
    '#hashtag',
    '####### seven',
    '- a\n## heading after a list',
    'text\u00a0',
    '\u00a0text',
  ];
  it.each(declined)('declines %j, which remark renders', (body) => {
    expect(renderSimpleMarkdown(body)).toBeNull();
    expect(renderMarkdownToHtml(body)).toBe(renderMarkdownWithRemark(body));
  });
});
