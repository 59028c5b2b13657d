import { describe, expect, it } from 'vitest';
import type { DesiredTask } from '../../../src/core/mapping.js';
import type { Plan, PlanOp } from '../../../src/core/plan.js';
import { summarisePlan } from '../../../src/core/plan.js';
import { createPlanPage, createRunPage, escapeHtml, renderHtml, type HtmlRow } from '../../../src/report/index.js';
import { createSampleReport } from './sample-report.js';

const hostile = `<script>alert("x")</script> & 'quoted' "double"`;

function desired(key: string, title: string, extra: Partial<DesiredTask> = {}): DesiredTask {
  return {
    key,
    marker: 'mb-0123456789abcdef',
    fields: { title, description: '', done: false, done_at: null, due_date: null, start_date: null, priority: 2, percent_done: null },
    bucket: 'To-Do',
    labels: ['backend'],
    position: 65_536,
    parentKey: null,
    comments: [],
    contentHash: 'h',
    ...extra,
  };
}

function createPlan(ops: PlanOp[], desiredByKey: Record<string, DesiredTask>, url = 'http://vikunja.example.test:3456'): Plan {
  return {
    format: 'membank-plan',
    version: 1,
    createdAt: '2026-11-30T09:00:00.000Z',
    root: '/repo',
    inputsHash: 'x',
    server: { url, version: 'v0.24.1', api: 'v1' },
    project: { title: 'Demo & <Co>', id: 7, marker: 'mb-project' },
    scope: 's',
    ops,
    desired: desiredByKey,
    summary: summarisePlan(ops, Object.keys(desiredByKey).length),
  };
}

function samplePlan(url?: string): Plan {
  const a = desired('tasks.md#A-1', hostile);
  const b = desired('tasks.md#A-2', 'Ship the <b>report</b>');
  return createPlan(
    [
      { id: 'label:backend', kind: 'label', title: 'backend' },
      { id: 'create:tasks.md#A-1', kind: 'create', key: a.key, source: a.key, line: 12, desired: a },
      {
        id: 'update:tasks.md#A-2',
        kind: 'update',
        key: b.key,
        source: b.key,
        taskId: 41,
        expectedUpdated: '2026-11-01T00:00:00Z',
        changes: [{ field: 'title', before: 'Old & <i>busted</i>', after: 'Ship the <b>report</b>' }],
      },
    ],
    { [a.key]: a, [b.key]: b },
    url,
  );
}

/** Text of every element of a kind, read back from the markup (tags removed, entities decoded). */
function cellTexts(html: string, className: string): string[] {
  const pattern = new RegExp(`<td data-label="[^"]*" class="${className}">(.*?)</td>`, 'g');
  return [...html.matchAll(pattern)].map((match) =>
    (match[1] ?? '')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&'),
  );
}

describe('escapeHtml', () => {
  it('escapes the five characters that matter in content and attributes', () => {
    expect(escapeHtml(`<a href="x" title='y'>&amp;</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;');
  });
});

describe('renderHtml', () => {
  it('escapes every title from Markdown: no markup gets through, and the text reads back exactly', () => {
    const html = renderHtml(createPlanPage(samplePlan()));
    // The page's own script is the only script element.
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html).not.toContain('<b>report</b>');
    expect(html).not.toContain('<i>busted</i>');
    expect(cellTexts(html, 'title')).toEqual(['backend', hostile, 'Ship the <b>report</b>']);
    expect(html).toContain('&lt;i&gt;busted&lt;/i&gt;');
    expect(html).toContain('<title>membank plan — Demo &amp; &lt;Co&gt;</title>');
  });

  it('shows one row per op with file:line, and links rows with a task id to the task on the user\'s server only', () => {
    const html = renderHtml(createPlanPage(samplePlan(), { lines: new Map([['tasks.md#A-2', 30]]) }));
    expect(html.match(/<tr data-kind=/g)).toHaveLength(3);
    expect(cellTexts(html, 'where')).toEqual(['(project)', 'tasks.md:12', 'tasks.md:30']);
    const urls = [...html.matchAll(/https?:\/\/[^\s"'<>)]+/g)].map((match) => match[0]);
    expect(urls.sort()).toEqual(['http://vikunja.example.test:3456', 'http://vikunja.example.test:3456/projects/7', 'http://vikunja.example.test:3456/tasks/41']);
  });

  it('links to the web UI without the API path, user info or query of the configured URL', () => {
    const html = renderHtml(createPlanPage(samplePlan('https://me:secret@tasks.example.test/api/v1?token=abc')));
    expect(html).toContain('href="https://tasks.example.test/tasks/41"');
    expect(html).not.toContain('secret');
    expect(html).not.toContain('token=abc');
  });

  it('allows no network: a Content-Security-Policy with default-src none, inline style and script only', () => {
    const html = renderHtml(createPlanPage(samplePlan()));
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"`);
    expect(html).not.toMatch(/<(link|img|iframe)\b/);
    expect(html).not.toMatch(/\bsrc=/);
  });

  it('shows a conflict as base / memory bank / Vikunja side by side', () => {
    const page = createPlanPage(createPlan([], {}));
    const row: HtmlRow = {
      id: 'conflict:tasks.md#A-1:due',
      kind: 'conflict',
      side: 'vikunja',
      file: 'tasks.md',
      line: 4,
      title: 'Write docs',
      taskId: 9,
      changes: [],
      conflict: { field: 'due', base: '2026-01-01', memoryBank: '2026-02-02', vikunja: '<2026-03-03>', reason: 'changed on both sides' },
      note: null,
      failed: false,
    };
    const html = renderHtml({ ...page, rows: [row] });
    expect(html).toContain(
      '<div class="conflict"><div><b>base</b><span>2026-01-01</span></div><div><b>memory bank</b><span>2026-02-02</span></div><div><b>Vikunja</b><span>&lt;2026-03-03&gt;</span></div></div>',
    );
    expect(html).toContain('due: changed on both sides');
  });

  it('lists input problems with file:line, what was received and the fix', () => {
    const html = renderHtml(createPlanPage(samplePlan(), { problems: createSampleReport().problems }));
    expect(html).toContain('Input problems (3)');
    expect(html).toContain('<code>memory-bank/features/broken-frontmatter.md:3</code> <b>error</b> frontmatter is not valid YAML');
    expect(html).toContain('received: <code>tags: [demo, unclosed</code>');
    expect(html).toContain('fix: close the flow list: tags: [demo, unclosed]');
  });

  it('says a plan wrote nothing yet, and a run how to undo it', () => {
    expect(renderHtml(createPlanPage(samplePlan()))).toContain('Nothing is written yet');
    const report = createSampleReport();
    const html = renderHtml(createRunPage(report, { plan: samplePlan() }));
    expect(html).toContain(`Undo this run: <code>membank rollback ${report.runId}</code>`);
    expect(html).toContain('<dt>requests</dt><dd>174 (POST 30, GET 120, PUT 24), 3 retries</dd>');
    expect(html).toContain('<dt>verify</dt><dd>1 drift of 23</dd>');
    expect(html).toContain('<dt>duration</dt><dd>12.3 s</dd>');
  });

  it('marks a run\'s failed ops, and lists a failed op the plan does not hold as its own row', () => {
    const report = createSampleReport({
      errors: [
        { opId: 'create:tasks.md#A-1', where: 'tasks.md#A-1', message: 'POST → 400: invalid due date' },
        { opId: 'labels:tasks.md#Z-9', where: 'tasks.md#Z-9', message: 'PUT → 500' },
      ],
    });
    const html = renderHtml(createRunPage(report, { plan: samplePlan() }));
    expect(html.match(/<tr [^>]*class="failed"/g)).toHaveLength(2);
    expect(html).toContain('failed: POST → 400: invalid due date');
    expect(cellTexts(html, 'title')).toContain('tasks.md#Z-9');
  });

  it('renders an empty plan without a table, keeping the theme toggle', () => {
    const html = renderHtml(createPlanPage(createPlan([], {})));
    expect(html).toContain('No ops: nothing to write.');
    expect(html).not.toContain('<table');
    expect(html).toContain('id="theme"');
  });
});
