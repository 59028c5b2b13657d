import { describe, expect, it } from 'vitest';
import { extractFrontmatter, readFrontmatterList } from '../../../src/memory-bank/frontmatter.js';
import { lines } from './fixtures.js';

describe('extractFrontmatter', () => {
  it('reports a value read as an alias of no anchor (`*bold*`) as invalid YAML on its line, and reads on', () => {
    const result = extractFrontmatter(lines('---', 'status: todo', 'title: *bold*', '---', '# Title', 'Body'), 'a.md');
    expect(result.frontmatter?.data).toEqual({ status: 'todo' });
    expect(result.problems).toEqual([
      expect.objectContaining({ code: 'yaml-invalid', severity: 'error', file: 'a.md', line: 3, received: 'title: *bold*', message: expect.stringContaining('*bold* is an alias of no anchor') }),
    ]);
    expect(result.source.split('\n')[5]).toBe('Body');
  });

  it('keeps scalars inside lists and maps as written too, and reads plain empty, ~ and null as no value', () => {
    const text = lines(
      '---',
      'versions: [1.10, 2.0]',
      'milestones:',
      '  - due: 2026-03-12T10:00:00',
      '    weight: 0.50',
      'owner:',
      'reviewer: ~',
      'quoted: "null"',
      '---',
      '# Title',
    );
    const result = extractFrontmatter(text, 'a.md');
    expect(result.problems).toEqual([]);
    expect(result.frontmatter?.data).toEqual({
      versions: ['1.10', '2.0'],
      milestones: [{ due: '2026-03-12T10:00:00', weight: '0.50' }],
      owner: null,
      reviewer: null,
      quoted: 'null',
    });
    expect(result.frontmatter?.keyLines).toEqual({ versions: 2, milestones: 3, owner: 6, reviewer: 7, quoted: 8 });
  });

  it('keeps scalars as the author wrote them', () => {
    const text = lines(
      '---',
      'version: 1.10',
      'created: 2026-03-12',
      'date: 2026-02-25T23:59:00Z',
      'readiness: 0.70',
      'priority: "low" # user deprioritised it',
      'draft: true',
      'tags: [wave-4, code-completion]',
      'block:',
      '  label: progress_milestones',
      '  priority: 2',
      '---',
      '# Title',
    );
    const result = extractFrontmatter(text, 'a.md');
    expect(result.problems).toEqual([]);
    expect(result.frontmatter?.data).toEqual({
      version: '1.10',
      created: '2026-03-12',
      date: '2026-02-25T23:59:00Z',
      readiness: '0.70',
      priority: 'low',
      draft: 'true',
      tags: ['wave-4', 'code-completion'],
      block: { label: 'progress_milestones', priority: '2' },
    });
    expect(result.frontmatter?.keyLines.created).toBe(3);
    expect(result.frontmatter?.placement).toBe('top');
  });

  it('blanks the block but keeps the line count', () => {
    const text = lines('---', 'status: draft', '---', '# Title', 'body');
    const result = extractFrontmatter(text, 'a.md');
    const out = result.source.split('\n');
    expect(out.length).toBe(text.split('\n').length);
    expect(out[3]).toBe('# Title');
    expect(out[0]).toBe('');
  });

  it('reads a block after the H1 and warns', () => {
    const text = lines('# Example Feature', '', '---', 'title: Tasks', 'status: example', '---', '', '## Overview');
    const result = extractFrontmatter(text, 'roadmap/tasks/x.md');
    expect(result.frontmatter?.data.status).toBe('example');
    expect(result.frontmatter?.placement).toBe('after-heading');
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatchObject({ code: 'frontmatter-after-heading', severity: 'warning', line: 3 });
  });

  it('ignores a YAML block inside a code fence', () => {
    const text = lines('# Improvements', '', '```yaml', '---', 'status: active', '---', '```');
    expect(extractFrontmatter(text, 'a.md').frontmatter).toBeNull();
  });

  it('ignores a thematic break followed by prose', () => {
    const text = lines('---', '# not yaml, a heading', 'Some text', '---', 'more');
    const result = extractFrontmatter(text, 'a.md');
    expect(result.frontmatter).toBeNull();
    expect(result.source).toBe(text);
  });

  it('reports malformed YAML with line, received text and fix, and still returns the body', () => {
    const text = lines('---', 'title: ok', 'tags: [a, b', 'status: draft', '---', '# Body heading', '- [ ] still parsed');
    const result = extractFrontmatter(text, 'bad.md');
    // The lines that read as `key: value` on their own are kept; the broken one is not guessed at.
    expect(result.frontmatter?.data).toEqual({ title: 'ok', status: 'draft' });
    expect(result.frontmatter?.keyLines).toEqual({ title: 2, status: 4 });
    expect(result.problems).toHaveLength(1);
    const problem = result.problems[0];
    expect(problem).toMatchObject({ code: 'yaml-invalid', severity: 'error', file: 'bad.md' });
    expect(problem?.line).toBeGreaterThanOrEqual(3);
    expect(problem?.line).toBeLessThanOrEqual(4);
    expect(problem?.received).not.toBeNull();
    expect(problem?.fix).toMatch(/YAML/u);
    expect(result.source).toContain('- [ ] still parsed');
    expect(result.source).not.toContain('title: ok');
  });

  it('strips a BOM', () => {
    const result = extractFrontmatter('\uFEFF---\nstatus: draft\n---\n', 'a.md');
    expect(result.frontmatter?.data.status).toBe('draft');
  });

  it('reads lists', () => {
    expect(readFrontmatterList(['a', 'b'])).toEqual(['a', 'b']);
    expect(readFrontmatterList('a, b')).toEqual(['a', 'b']);
    expect(readFrontmatterList(null)).toEqual([]);
  });

  it('keeps each item of a YAML list whole: brackets and commas inside an item are its text', () => {
    const { frontmatter } = extractFrontmatter('---\nchecklist:\n  - "[x] Pick the parser library"\n  - "[ ] Map the columns"\nauthors: ["Smith, J.", Doe]\n---\n', 'a.md');
    expect(readFrontmatterList(frontmatter?.data.checklist)).toEqual(['[x] Pick the parser library', '[ ] Map the columns']);
    expect(readFrontmatterList(frontmatter?.data.authors)).toEqual(['Smith, J.', 'Doe']);
    // A single value written as a flow list in quotes, or with commas, is still a list.
    expect(readFrontmatterList('[ui, ux]')).toEqual(['ui', 'ux']);
  });
});
