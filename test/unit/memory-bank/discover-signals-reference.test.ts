/**
 * Discovery's signal scanner splits its per-line work into small functions, each run only on lines holding a
 * character it needs, and tests the Roo preamble once per file. These checks hold it equal to the plain reading
 * (test/helpers/reference-signals.ts: every pattern on every line) on every Markdown file of the shared corpus and
 * on lines written to sit at the edges of each gate.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { normaliseLabel, normaliseLabelFully, scanMarkdown } from '../../../src/memory-bank/discover-signals.js';
import { hasClientBank } from '../../helpers/corpus.js';
import { scanMarkdownPlainly } from '../../helpers/reference-signals.js';

const corpus = fileURLToPath(new URL('../../../../shared/memory-banks/corpus/', import.meta.url));

function listMarkdown(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return listMarkdown(path);
    return /\.md$/i.test(entry.name) ? [path] : [];
  });
}

/** Texts at the edges of the gates: each line holds (or just misses) what one of the patterns needs. */
const edgeTexts: readonly string[] = [
  // Roo preamble in another case, twice, and in fenced code; roo stamps with and without list markers.
  'Progress - log of updates made.\n```\nX - LOG OF UPDATES MADE\n```\nlater - Log of updates made\n- [2025-01-02 10:11] - did it\n[2025-01-02 10:11:12] - ## Task: x\n',
  '```\nX - Log of updates made\n```\n# Title\n',
  // List markers: ordered with `)`, indented, a tab after the marker, a bare marker, `+`, a checkbox with ✅ and `~`.
  '1) first\n  2. second\n-\tthird\n-\n+ [✅] box\n* [~] dropped\n10. [x] 1. kiro _Requirements: 1.2_\n- [ ]* 2.1 Kiro optional\n',
  // Spaces beyond ASCII (no-break, em, ideographic) and a vertical tab before a marker: `\s` skips them too.
  'Intro\n\u00a0- no-break space item\n\u2003* [x] em space box\n\u3000+ [TASK009] ideographic\n\u000b- vertical tab\n',
  // Boxes at the margin (and what is not one: a reference, a link, no text), boxes quoted in a note, in a callout of
  // tasks and in a callout of quoted material (not counted), and after the quote ends.
  '[ ] Book the venue\n[x] Send the invites\n[1] Smith et al.\n[x](map.md) marks it\n[ ]\n> **Note:**\n> - [ ] quoted\n> [!quote] From the kickoff\n> - [ ] not ours\n- [x] after the quote\n> [!todo]\n> - [x] ours\n',
  // Definitions with bold and underscores, full-width colon, a dash separator; bold fields in rows and prose.
  '- **Done**: merged\n- __Blocked__ — waiting\n- **Todo：** later\n| **Status** | Done |\n**Owner:** me **Priority**: high\nx **A** : b\n',
  // Words alone over a list: after a blank line, a heading or the text's start; not under prose, not over prose, not
  // indented, not too long; over a list after one blank line but not two.
  "What's left\n- Refund flow\n\n## Plan\nNext steps:\n\n1. Write the guide\nsome prose\nDone\n- not a label\n\n  Offen\n- x\n\nÀ faire :\n\n\n- y\n\nA label far too long to be one, however it is written here\n- z\n",
  // Bold labels as list items: over items indented under them (a sibling ends them), over none, numbered, with tabs.
  '- **Completed:**\n    - Sign-in\n      - nested\n- **To-Do:**\n- sibling\n1. **Offen:**\n   1. Rechte\n\t- **Done**:\n\t\t- tabbed\n- **Notes:** value\n  - under a field\n',
  // Tables: a separator without outer pipes, a row ending the table at a blank, a heading holding a pipe.
  '# A | B\n|---|---|\n| 1 | 2 |\n\nID | Task | Status\n--- | --- | ---\nPM-1 | x | done\nPM-2 | y\nno pipe here\n',
  // Field tables: `| **Name** | value |` rows inside a table body (read as fields) and rows without bold.
  '| Field | Value |\n|---|---|\n| **Status** | Done |\n| Owner | me |\n|  **Priority**  |  high  |\n|**Added**|2025-01-01|\n   \n',
  // Setext headings: under a paragraph's first line (after a blank, a heading, the file's start), and underlines that
  // make none (under a list item, a table, a quote, an indented line, a paragraph's second line, a late frontmatter).
  'Progress\n========\nCompleted\n---\n\n- item\n---\n| a | b |\n---\n> quote\n---\n  indented\n---\nfirst\nsecond\n---\n# T\nRemaining  \n  ===  \n',
  '---\ntitle: x\n---\nDone\n----\n# T\n\n---\nstatus: draft\n---\n',
  // Items closing with a status after a colon, and what is none: a bold term, a field's name, code, a box, a time.
  '- Initial setup: Complete\n- **Build:** Passed\n- Status: Done\n- `flag`: done\n- [x] Boxed: done\n- Lunch at: 12:30\n1. Phase 2 (core)：进行中\n',
  // Headings: levels, closing hashes, tabs, `#hashtag` (not a heading), seven hashes, task id and Taskmaster titles.
  '# TASK004 - Title\n## Status ##\n###\tTabbed\n#hashtag\n####### seven\n# Task ID: 12\n# [TASK-7]: x\n    # indented code-ish\n',
  // Placeholders of every kind, on list items and prose, with links that are not placeholders.
  '- Goal 1: Description\n- [ ] Task 2\n[Name] and [Name](x.md) and @username {{ var }} TASK-XXX Brief description\nYYYY-MM-DD and 2025-03-04 and 2025-03-04T10:00\nNot Started | In Progress | Done\n[Insert the thing] [Issue-12]\n',
  // Dates and links: underscores and letters around dates, several links, a link with an anchor, upper case .MD.
  'a2025-01-01 2025-01-01b _2025-01-01_ 12025-01-011\nsee [a](a.md), [b](b/B.MD#x) and [c](c.md#)\n',
  // Fences: tilde and backtick, longer closers, a closer with text after it, an unclosed fence at the end.
  '~~~~\n~~~\nstill code\n~~~~~ \n````js\n```\n```` not a closer\n````\n- [x] after\n```\nunclosed\n- [ ] inside\n',
  // Frontmatter then a late block after the H1; CRLF line ends; Unicode spaces on otherwise blank lines.
  '---\r\nstatus: draft\r\n---\r\n# T\r\n\r\n---\r\ntype: task\r\n---\r\n\u00a0\r\n\u3000\r\n- [ ] x\r\n',
  // Task reference lines and index shapes.
  '- [TASK001] first\n- `TASK106` second\n* [PM-003..005] range\n- [a-1] lower\n- `T-1A` ok\n',
  // Whole-file gates: brackets as the only placeholder hint; a description item after a break inside a line (the
  // multiline `^` matches there); a date joined by cutting `YYYY-MM-DD`; near-dates; a link and a pipe in one file only.
  '[Name] is the only kind here\n- [ ] Task 3\n- [Title]\n',
  '- a\u2028- Goal 1: Description\n- b\r- Task 2\n* Metric 3\n',
  '- due 1234YYYY-MM-DD-12-12\n- or 2025-1-01, 2025-01-1, 2025-01-01\n- [x] 12-34-56 and 1-23-4\n',
  '- see [a](a.md)\n',
  '| only | pipes |\n',
  // Lines found again in the text by offset: CRLF and mixed ends around tables, a table closing the text, a
  // frontmatter closing the text, a lone CR inside a line.
  'A | B\r\n---|---\r\n1 | 2\r\n3 | 4\r\n**Status:** Done\r\n- [ ] after the table [Name]\r\n',
  'x\r\n| a | b |\n|---|---|\n| 1 | 2 |\r\n- [x] y **Owner:** me\n\r\n# End',
  '# T\n| a | b |\n|---|---|\n| 1 | **Status** |',
  '---\ntitle: x\n---',
  'a\rb **Bold:** c\n- [ ] d\r\n\r\n  \r\n# [TASK001] - x\r',
  // Items led by a status word or mark (after unicode and vertical-tab spaces, numbered, with a variation selector,
  // lower case, a checkbox first), and status fields indented under items (bold, plain, full-width colon, tab).
  '- closing mark ✅\n- closing open ⏳ \n1. with selector ✔\ufe0f\u00a0\n- not closing✅\n* __TODO__: underscored\n- **Done** mixed case\n- [WIP] a\n1. DONE: b\n- TODO - c\n\u00a0- [BLOCKED] d\n-\u000b[WIP] e\n- ✅ f\n  * ⏳ g\n- ✔\ufe0f h\n- done: i\n- [x] [WIP] j\n- Testing: k\n- 🔄l\n',
  '1. **Write it**\n   **Status:** Done\n2. Ship it\n  - Status: In progress (waiting)\n\t- **状态**：完成\n- Plain: x\n   Status:\n    **Statut :** Terminé\n',
  // Lines at the margin led by a mark (open and done, a selector, indented, inside a list); Obsidian callouts of tasks
  // (folded, nested quotes, ended by a blank line, by a fence, by a table), and quotes that are not task callouts.
  '✅ Passkey login\n⏳ Admin impersonation\n ⏳ indented\n✔\ufe0f selector\n- ✅ listed\n✅no space\n',
  '> [!todo] Sprint 3\n> - [ ] Ship it\n>> - [x] Nested\n>\n> - [ ] After a quoted blank\n\n> - [ ] After a blank\n> [!TASKS]- Folded\n> 1. [x] Numbered\n```\n> - [ ] in code\n```\n> [!checklist]\n> - [ ] x\n| a | b |\n|---|---|\n> - [ ] after a table\n> [!note]\n> - [ ] a note\n> Quote\n> - [ ] quoted\n',
];

describe('scanMarkdown (gated) against the plain reading', () => {
  it('gives the same signals on the edge texts', () => {
    for (const text of edgeTexts) expect(scanMarkdown(text), text).toEqual(scanMarkdownPlainly(text));
  });

  it('normalises labels as the five replacements do, plain labels included', () => {
    const labels = ['', 'Status', 'Task ID', 'status:', 'Done.', 'a  b', ' x', 'x ', 'A\tB', '**Bold**', '_x_', '`code`', '~x~',
      'Déjà vu', '✅ Done', 'x\u00a0y', 'Ends with ::', 'a.b', 'PM-001', '# 1', 'x}', 'x{', 'DEL\u007f', 'Progress (%)', 'ID|x'];
    for (const label of labels) expect(normaliseLabel(label), JSON.stringify(label)).toBe(normaliseLabelFully(label));
  });

  it.runIf(hasClientBank)('normalises every table cell of the shared corpus as the plain reading does', () => {
    let cells = 0;
    for (const file of listMarkdown(corpus)) {
      for (const line of readFileSync(file, 'utf8').split('\n')) {
        if (!line.includes('|')) continue;
        for (const cell of line.split('|')) {
          cells++;
          expect(normaliseLabel(cell), JSON.stringify(cell)).toBe(normaliseLabelFully(cell));
        }
      }
    }
    expect(cells).toBeGreaterThan(10_000);
  });

  it.runIf(hasClientBank)('gives the same signals on every Markdown file of the shared corpus', () => {
    const files = listMarkdown(corpus);
    expect(files.length).toBeGreaterThan(400);
    for (const file of files) {
      const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
      expect(scanMarkdown(text), file).toEqual(scanMarkdownPlainly(text));
    }
  });
});
