/**
 * The HTML review page: one self-contained file (inline CSS, inline SVG chart, inline script; no network, works
 * from `file://`) for a plan, a sync plan or a finished run. Pure: page data in, one HTML string out. Every text
 * that reaches the page is escaped here; the only links are to the user's own Vikunja server.
 */
import type { Plan, PlanOp } from '../core/plan.js';
import type { ReportError, RunReport } from '../core/report.js';
import type { InputProblem } from '../core/task-record.js';
import { describeValue, formatDuration, formatTimestamp, sanitiseUrl } from './format.js';

/** Which side of the sync a row writes to. */
export type HtmlSide = 'vikunja' | 'memory-bank';

/** One field change shown as before → after. */
export interface HtmlChange {
  field: string;
  before: unknown;
  after: unknown;
}

/** A field changed differently on both sides: base / memory bank / Vikunja side by side. */
export interface HtmlConflict {
  field: string;
  base: unknown;
  memoryBank: unknown;
  vikunja: unknown;
  reason: string;
}

/** One row of the page's table: an op (or a conflict) with where it comes from and what it changes. */
export interface HtmlRow {
  id: string;
  kind: string;
  side: HtmlSide;
  /** Source file relative to the bank root; null for project-level ops (labels, buckets). */
  file: string | null;
  line: number | null;
  title: string;
  taskId: number | null;
  changes: HtmlChange[];
  conflict: HtmlConflict | null;
  /** `failed: …` for a run's failed op; a skip's reason; null otherwise. */
  note: string | null;
  failed: boolean;
}

/** Everything the page shows. Built by {@link createPlanPage} / {@link createRunPage} or by the CLI for sync. */
export interface HtmlPage {
  /** What the page is: `plan`, `sync plan` or the run's command. */
  heading: string;
  generatedAt: string;
  server: { url: string; version: string; api: string } | null;
  project: { title: string; id: number | null } | null;
  run: { id: string; status: string; dryRun: boolean } | null;
  durationMs: number | null;
  requests: RunReport['requests'] | null;
  verify: RunReport['verify'];
  /** The command that undoes the run; null when nothing was written. */
  rollback: string | null;
  rows: HtmlRow[];
  problems: InputProblem[];
  errors: ReportError[];
  /** Extra summary lines (sync counts, kept edits). */
  notes: string[];
}

/** Options of {@link createPlanPage}. */
export interface PlanPageOptions {
  problems?: readonly InputProblem[];
  /** Source line by record key (the plan stores only the file). */
  lines?: ReadonlyMap<string, number>;
  generatedAt?: string;
  heading?: string;
}

function fileOf(source: string): string {
  return source.split('#')[0] ?? source;
}

/** The table row of one plan op; titles come from the plan's desired state, lines from `lines` (by key). */
export function createOpRow(op: PlanOp, plan: Plan, lines?: ReadonlyMap<string, number>): HtmlRow {
  const base = { id: op.id, kind: op.kind, side: 'vikunja' as const, conflict: null, note: null, failed: false };
  if (!('key' in op)) {
    switch (op.kind) {
      case 'project':
        return { ...base, file: null, line: null, title: op.title, taskId: null, changes: [{ field: 'project', before: null, after: op.title }] };
      case 'label':
        return { ...base, file: null, line: null, title: op.title, taskId: null, changes: [{ field: 'label', before: null, after: op.title }] };
      case 'bucket':
        return { ...base, file: null, line: null, title: op.title, taskId: null, changes: [{ field: 'bucket', before: null, after: op.title }] };
      case 'kanban':
        return {
          ...base,
          file: null,
          line: null,
          title: 'Kanban view',
          taskId: null,
          changes: [
            ...(op.defaultBucket === null ? [] : [{ field: 'default bucket', before: null, after: op.defaultBucket }]),
            ...(op.doneBucket === null ? [] : [{ field: 'done bucket', before: null, after: op.doneBucket }]),
          ],
        };
    }
  }
  const desired = plan.desired[op.key];
  const line = (op.kind === 'create' ? op.line : undefined) ?? lines?.get(op.key) ?? null;
  const common = { ...base, file: fileOf(op.source), line, title: desired?.fields.title ?? op.key };
  switch (op.kind) {
    case 'create': {
      const fields = op.desired.fields;
      const changes: HtmlChange[] = [{ field: 'bucket', before: null, after: op.desired.bucket }];
      if (fields.done) changes.push({ field: 'done', before: null, after: true });
      if (fields.priority !== null) changes.push({ field: 'priority', before: null, after: fields.priority });
      if (fields.due_date !== null) changes.push({ field: 'due_date', before: null, after: fields.due_date });
      if (op.desired.labels.length > 0) changes.push({ field: 'labels', before: null, after: op.desired.labels });
      return { ...common, title: fields.title, taskId: null, changes };
    }
    case 'update':
    case 'close':
      return { ...common, taskId: op.taskId, changes: op.changes.map((change) => ({ field: change.field, before: change.before, after: change.after })) };
    case 'move':
      return { ...common, taskId: op.taskId, changes: [{ field: 'bucket', before: op.from, after: op.to }] };
    case 'labels':
      return { ...common, taskId: op.taskId, changes: [{ field: 'labels', before: op.before, after: op.after }] };
    case 'relation':
      return { ...common, taskId: null, changes: [{ field: 'parent', before: null, after: op.parentKey }] };
    case 'comment':
      return { ...common, taskId: null, changes: [{ field: 'comment', before: null, after: op.comment.marker }] };
    case 'adopt':
      return {
        ...common,
        taskId: op.taskId,
        changes: [],
        note:
          op.renamedFrom === undefined
            ? 'already in Vikunja (carries its marker): recorded, not written'
            : `renamed from ${op.renamedFrom.key} (${op.renamedFrom.reason}): its task is kept, its mapping moves`,
      };
    case 'skip':
      return { ...common, taskId: null, changes: [], note: op.reason };
  }
}

/** The table rows of a plan's ops (Vikunja side), one per op, in plan order. */
export function createPlanRows(plan: Plan, lines?: ReadonlyMap<string, number>): HtmlRow[] {
  return plan.ops.map((op) => createOpRow(op, plan, lines));
}

/** The page for a plan (`membank plan --html`): nothing is written yet, so there is no rollback command. */
export function createPlanPage(plan: Plan, options: PlanPageOptions = {}): HtmlPage {
  return {
    heading: options.heading ?? 'plan',
    generatedAt: options.generatedAt ?? plan.createdAt,
    server: plan.server,
    project: { title: plan.project.title, id: plan.project.id },
    run: null,
    durationMs: null,
    requests: null,
    verify: null,
    rollback: null,
    rows: createPlanRows(plan, options.lines),
    problems: [...(options.problems ?? [])],
    errors: [],
    notes: (plan.kept ?? []).map(
      (item) => `${item.source} (task #${item.taskId}): ${item.fields.map((field) => field.field).join(', ')} changed in Vikunja since the last run — kept`,
    ),
  };
}

/** What a run's page shows beyond its report: the plan's ops (or rows built by the caller, e.g. for sync). */
export interface RunPageOptions {
  plan?: Plan | null;
  /** Rows to show instead of the plan's (a sync's two sides and its conflicts). */
  rows?: readonly HtmlRow[];
  lines?: ReadonlyMap<string, number>;
}

/**
 * The page for a finished run (`report.html`): the report's summary, and the plan's ops (or the given rows) with
 * failed ops marked; without either the table lists the failed ops only.
 */
export function createRunPage(report: RunReport, options: RunPageOptions = {}): HtmlPage {
  const failed = new Map(report.errors.map((error) => [error.opId, error.message]));
  const rows = options.rows !== undefined ? options.rows.map((row) => ({ ...row })) : options.plan === undefined || options.plan === null ? [] : createPlanRows(options.plan, options.lines);
  for (const row of rows) {
    const message = failed.get(row.id);
    if (message !== undefined) {
      row.failed = true;
      row.note = `failed: ${message}`;
      failed.delete(row.id);
    }
  }
  for (const error of report.errors) {
    if (!failed.has(error.opId)) continue;
    rows.push({
      id: error.opId,
      kind: error.opId.split(':')[0] ?? 'op',
      side: 'vikunja',
      file: error.where.includes('#') || error.where.endsWith('.md') ? fileOf(error.where) : null,
      line: null,
      title: error.where,
      taskId: null,
      changes: [],
      conflict: null,
      note: `failed: ${error.message}`,
      failed: true,
    });
  }
  const wrote = !report.dryRun && report.journal.applied > 0;
  return {
    heading: `${report.command}${report.dryRun ? ' (dry run)' : ''}`,
    generatedAt: report.finishedAt ?? report.startedAt,
    server: report.server,
    project: report.project,
    run: { id: report.runId, status: report.status, dryRun: report.dryRun },
    durationMs: report.durationMs,
    requests: report.requests,
    verify: report.verify,
    rollback: wrote && report.status !== 'rolled_back' ? `membank rollback ${report.runId}` : null,
    rows,
    problems: report.problems,
    errors: report.errors,
    notes: (report.kept ?? []).map((item) => item.message),
  };
}

/** Escapes text for HTML content and double- or single-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => {
    switch (char) {
      case '&':
        return '&amp;';
      case '<':
        return '&lt;';
      case '>':
        return '&gt;';
      case '"':
        return '&quot;';
      default:
        return '&#39;';
    }
  });
}

const kindColours: Record<string, string> = {
  create: '#2f9e44',
  update: '#1971c2',
  close: '#7048e8',
  move: '#e8590c',
  labels: '#c2255c',
  relation: '#0c8599',
  comment: '#868e96',
  adopt: '#5c940d',
  skip: '#adb5bd',
  project: '#f08c00',
  label: '#d6336c',
  bucket: '#9c36b5',
  kanban: '#495057',
  delete: '#e03131',
  'file-edit': '#3b5bdb',
  'inbox-append': '#099268',
  conflict: '#f03e3e',
};

function colourOf(kind: string): string {
  return kindColours[kind] ?? '#666';
}

/** The base URL of the user's Vikunja web UI (the API URL without `/api/v1`), or null when it is not http(s). */
function vikunjaBase(page: HtmlPage): string | null {
  if (page.server === null) return null;
  const url = sanitiseUrl(page.server.url).replace(/\/api\/v[12]\/?$/, '').replace(/\/$/, '');
  return /^https?:\/\//i.test(url) ? url : null;
}

function showValue(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (Array.isArray(value)) return value.length === 0 ? '(none)' : value.map((item) => String(item)).join(', ');
  if (typeof value === 'string') return value.length > 160 ? `${value.slice(0, 159)}…` : value;
  return describeValue(value, 160);
}

function renderChanges(row: HtmlRow): string {
  if (row.conflict !== null) {
    const c = row.conflict;
    return (
      `<div class="conflict"><div><b>base</b><span>${escapeHtml(showValue(c.base))}</span></div>` +
      `<div><b>memory bank</b><span>${escapeHtml(showValue(c.memoryBank))}</span></div>` +
      `<div><b>Vikunja</b><span>${escapeHtml(showValue(c.vikunja))}</span></div></div>` +
      `<div class="note">${escapeHtml(`${c.field}: ${c.reason}`)}</div>`
    );
  }
  const items = row.changes.map(
    (change) =>
      `<li><span class="field">${escapeHtml(change.field)}</span> ` +
      (change.before === null || change.before === undefined ? '' : `<del>${escapeHtml(showValue(change.before))}</del> → `) +
      `<ins>${escapeHtml(showValue(change.after))}</ins></li>`,
  );
  const note = row.note === null ? '' : `<div class="note">${escapeHtml(row.note)}</div>`;
  return `${items.length === 0 ? '' : `<ul class="changes">${items.join('')}</ul>`}${note}`;
}

function renderRow(row: HtmlRow, index: number, base: string | null): string {
  const where = row.file === null ? '(project)' : row.line === null ? row.file : `${row.file}:${row.line}`;
  const link =
    base !== null && row.taskId !== null
      ? `<a href="${escapeHtml(`${base}/tasks/${row.taskId}`)}" rel="noreferrer">#${row.taskId}</a>`
      : row.taskId !== null
        ? `#${row.taskId}`
        : '';
  const attrs = [
    `data-kind="${escapeHtml(row.kind)}"`,
    `data-file="${escapeHtml(row.file ?? '')}"`,
    `data-side="${row.side}"`,
    `data-index="${index}"`,
    `data-where="${escapeHtml(`${row.file ?? ''}:${String(row.line ?? 0).padStart(7, '0')}`)}"`,
    `data-title="${escapeHtml(row.title.toLowerCase())}"`,
    row.failed ? 'class="failed"' : '',
  ]
    .filter((attr) => attr !== '')
    .join(' ');
  return (
    `<tr ${attrs}>` +
    `<td data-label="#">${index + 1}</td>` +
    `<td data-label="kind"><span class="kind" style="--k:${colourOf(row.kind)}">${escapeHtml(row.kind)}</span>${row.side === 'memory-bank' ? '<span class="side">← bank</span>' : ''}</td>` +
    `<td data-label="source" class="where">${escapeHtml(where)}</td>` +
    `<td data-label="title" class="title">${escapeHtml(row.title)}</td>` +
    `<td data-label="change">${renderChanges(row)}</td>` +
    `<td data-label="task">${link}</td>` +
    '</tr>'
  );
}

function countBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(keyOf(item), (counts.get(keyOf(item)) ?? 0) + 1);
  return counts;
}

const chartFileLimit = 12;

/** A horizontal stacked bar chart of rows by source file (split by kind), then one bar per kind. Inline SVG. */
function renderChart(rows: readonly HtmlRow[]): string {
  if (rows.length === 0) return '';
  const kinds = [...countBy(rows, (row) => row.kind).entries()].sort((a, b) => b[1] - a[1]);
  const byFile = new Map<string, Map<string, number>>();
  for (const row of rows) {
    const file = row.file ?? '(project)';
    const perKind = byFile.get(file) ?? new Map<string, number>();
    perKind.set(row.kind, (perKind.get(row.kind) ?? 0) + 1);
    byFile.set(file, perKind);
  }
  const total = (perKind: Map<string, number>): number => [...perKind.values()].reduce((sum, n) => sum + n, 0);
  const files = [...byFile.entries()].sort((a, b) => total(b[1]) - total(a[1]) || (a[0] < b[0] ? -1 : 1));
  const shown = files.slice(0, chartFileLimit);
  const rest = files.slice(chartFileLimit);
  if (rest.length > 0) {
    const merged = new Map<string, number>();
    for (const [, perKind] of rest) for (const [kind, n] of perKind) merged.set(kind, (merged.get(kind) ?? 0) + n);
    shown.push([`${rest.length} other file(s)`, merged]);
  }
  const bars: Array<{ label: string; parts: Array<[string, number]> }> = [
    ...shown.map(([label, perKind]) => ({ label, parts: [...perKind.entries()] })),
    ...kinds.map(([kind, n]) => ({ label: `kind: ${kind}`, parts: [[kind, n]] as Array<[string, number]> })),
  ];
  const max = Math.max(...bars.map((bar) => bar.parts.reduce((sum, [, n]) => sum + n, 0)));
  const barHeight = 16;
  const gap = 6;
  const labelWidth = 260;
  const plotWidth = 420;
  const height = bars.length * (barHeight + gap) + 8;
  const items = bars.map((bar, index) => {
    const y = index * (barHeight + gap) + 4;
    let x = labelWidth;
    const sum = bar.parts.reduce((s, [, n]) => s + n, 0);
    const rects = bar.parts.map(([kind, n]) => {
      const width = Math.max(1, (n / max) * plotWidth);
      const rect = `<rect x="${x.toFixed(1)}" y="${y}" width="${width.toFixed(1)}" height="${barHeight}" fill="${colourOf(kind)}"><title>${escapeHtml(`${bar.label}: ${n} ${kind}`)}</title></rect>`;
      x += width;
      return rect;
    });
    const label = bar.label.length > 40 ? `…${bar.label.slice(-39)}` : bar.label;
    return (
      `<text x="${labelWidth - 8}" y="${y + barHeight - 4}" text-anchor="end">${escapeHtml(label)}</text>${rects.join('')}` +
      `<text x="${(x + 6).toFixed(1)}" y="${y + barHeight - 4}">${sum}</text>`
    );
  });
  return (
    `<svg class="chart" role="img" aria-label="ops by source file and by kind" viewBox="0 0 ${labelWidth + plotWidth + 60} ${height}" ` +
    `width="100%" preserveAspectRatio="xMinYMin meet">${items.join('')}</svg>`
  );
}

function renderSummary(page: HtmlPage, base: string | null): string {
  const byKind = [...countBy(page.rows, (row) => row.kind).entries()].sort((a, b) => b[1] - a[1]);
  const bySide = countBy(page.rows, (row) => row.side);
  const cells: Array<[string, string]> = [];
  cells.push(['ops', String(page.rows.length)]);
  cells.push(['→ Vikunja', String(bySide.get('vikunja') ?? 0)]);
  if ((bySide.get('memory-bank') ?? 0) > 0 || page.heading.startsWith('sync')) cells.push(['← memory bank', String(bySide.get('memory-bank') ?? 0)]);
  if (page.verify !== null) {
    cells.push(['verify', page.verify.ok ? `ok (${page.verify.checked} checked)` : `${page.verify.drift.length} drift of ${page.verify.checked}`]);
  } else {
    cells.push(['verify', page.run === null ? 'after apply' : 'not run']);
  }
  cells.push(['duration', formatDuration(page.durationMs)]);
  if (page.problems.length > 0) cells.push(['input problems', String(page.problems.length)]);
  if (page.requests !== null) {
    const methods = Object.entries(page.requests.byMethod)
      .map(([method, n]) => `${method} ${n}`)
      .join(', ');
    cells.push(['requests', `${page.requests.total}${methods === '' ? '' : ` (${methods})`}${page.requests.retries > 0 ? `, ${page.requests.retries} retries` : ''}`]);
  } else {
    cells.push(['requests', 'none yet']);
  }
  const project =
    page.project === null
      ? ''
      : base !== null && page.project.id !== null
        ? `<a href="${escapeHtml(`${base}/projects/${page.project.id}`)}" rel="noreferrer">${escapeHtml(page.project.title)}</a>`
        : `${escapeHtml(page.project.title)}${page.project.id === null ? ' (new)' : ''}`;
  const server = page.server === null ? '' : ` on ${escapeHtml(sanitiseUrl(page.server.url))} — Vikunja ${escapeHtml(page.server.version)}, ${escapeHtml(page.server.api)} API`;
  const run = page.run === null ? '' : `<p>run <code>${escapeHtml(page.run.id)}</code> — ${escapeHtml(page.run.status)}</p>`;
  const rollback =
    page.rollback === null
      ? `<p class="rollback">${page.run === null ? 'Nothing is written yet. After it runs, undo it with <code>membank rollback &lt;run-id&gt;</code>.' : 'Nothing to undo.'}</p>`
      : `<p class="rollback">Undo this run: <code>${escapeHtml(page.rollback)}</code></p>`;
  return (
    `<section class="summary" aria-label="summary"><p>${project === '' ? '' : `project ${project}`}${server}</p>${run}` +
    `<dl>${cells.map(([term, value]) => `<div><dt>${escapeHtml(term)}</dt><dd>${escapeHtml(value)}</dd></div>`).join('')}</dl>` +
    `<ul class="kinds">${byKind.map(([kind, n]) => `<li><span class="kind" style="--k:${colourOf(kind)}">${escapeHtml(kind)}</span> ${n}</li>`).join('')}</ul>` +
    `${rollback}${page.notes.length === 0 ? '' : `<ul class="notes">${page.notes.map((note) => `<li>${escapeHtml(note)}</li>`).join('')}</ul>`}</section>`
  );
}

function renderProblems(page: HtmlPage): string {
  const errors =
    page.errors.length === 0
      ? ''
      : `<section aria-label="failed ops"><h2>Failed ops (${page.errors.length})</h2><ul class="problems">${page.errors
          .map((error) => `<li><code>${escapeHtml(error.where)}</code> ${escapeHtml(error.opId)}: ${escapeHtml(error.message)}</li>`)
          .join('')}</ul></section>`;
  if (page.problems.length === 0) return errors;
  const items = page.problems.map(
    (problem) =>
      `<li class="${problem.severity}"><code>${escapeHtml(problem.line === null ? problem.file : `${problem.file}:${problem.line}`)}</code> ` +
      `<b>${escapeHtml(problem.severity)}</b> ${escapeHtml(problem.message)}` +
      (problem.received === null ? '' : `<div>received: <code>${escapeHtml(problem.received.length > 200 ? `${problem.received.slice(0, 199)}…` : problem.received)}</code></div>`) +
      `<div>fix: ${escapeHtml(problem.fix)}</div></li>`,
  );
  return `${errors}<section aria-label="input problems"><h2>Input problems (${page.problems.length})</h2><ul class="problems">${items.join('')}</ul></section>`;
}

const style = `
:root{color-scheme:light;--bg:#fff;--fg:#1d1d1f;--muted:#666;--line:#ddd;--head:#f4f5f7;--hl:#fff3bf;--del:#c92a2a;--ins:#2b8a3e;--link:#1c5fb8}
:root[data-theme=dark]{color-scheme:dark;--bg:#16181d;--fg:#e6e6e6;--muted:#9aa0a6;--line:#333842;--head:#1f232a;--hl:#3b3520;--del:#ff8787;--ins:#8ce99a;--link:#74c0fc}
@media (prefers-color-scheme:dark){:root:not([data-theme=light]){color-scheme:dark;--bg:#16181d;--fg:#e6e6e6;--muted:#9aa0a6;--line:#333842;--head:#1f232a;--hl:#3b3520;--del:#ff8787;--ins:#8ce99a;--link:#74c0fc}}
*{box-sizing:border-box}
body{margin:0;padding:16px 20px;background:var(--bg);color:var(--fg);font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
a{color:var(--link)}
header{display:flex;gap:12px;align-items:center;flex-wrap:wrap}
h1{font-size:20px;margin:0 auto 0 0}
h2{font-size:16px;margin:20px 0 8px}
code{font:12px ui-monospace,SFMono-Regular,Menlo,monospace}
button,select,input{font:inherit;color:inherit;background:var(--bg);border:1px solid var(--line);border-radius:4px;padding:4px 8px}
.top{display:grid;grid-template-columns:minmax(0,2fr) minmax(0,3fr);gap:8px 32px;align-items:start}.top h2{margin-top:8px}
@media (max-width:1000px){.top{display:block}}
.summary dl{display:flex;flex-wrap:wrap;gap:8px 24px;margin:8px 0}
.summary dt{color:var(--muted);font-size:12px}.summary dd{margin:0;font-weight:600}
.kinds,.notes{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:6px 14px;margin:6px 0}
.kind{display:inline-block;padding:0 6px;border-radius:3px;color:#fff;background:var(--k);font-size:12px}
.side{color:var(--muted);font-size:11px;margin-left:4px}
.chart{max-width:760px;display:block}.chart text{font-size:11px;fill:var(--fg)}
.filters{display:flex;flex-wrap:wrap;gap:8px;align-items:center;margin:12px 0 8px}
.filters input{flex:1 1 220px}
#count{color:var(--muted)}
table{border-collapse:collapse;width:100%;table-layout:fixed}
#ops th:nth-child(1){width:48px}#ops th:nth-child(2){width:120px}#ops th:nth-child(3){width:22%}#ops th:nth-child(4){width:28%}#ops th:nth-child(6){width:64px}
th,td{border-bottom:1px solid var(--line);padding:5px 8px;text-align:left;vertical-align:top}
th{background:var(--head);position:sticky;top:0;cursor:pointer;user-select:none;white-space:nowrap}
th[aria-sort=ascending]::after{content:" ▲"}th[aria-sort=descending]::after{content:" ▼"}
tr.current td{background:var(--hl)}
tr.failed td{box-shadow:inset 3px 0 0 var(--del)}
.where{font:12px ui-monospace,SFMono-Regular,Menlo,monospace;word-break:break-all}
td{overflow-wrap:anywhere}
.changes{margin:0;padding-left:16px}.field{color:var(--muted)}
del{color:var(--del)}ins{color:var(--ins);text-decoration:none}
.note{color:var(--muted);font-size:12px}
.conflict{display:grid;grid-template-columns:repeat(3,minmax(0,1fr));gap:6px}
.conflict div{border:1px solid var(--line);border-radius:4px;padding:4px}.conflict b{display:block;font-size:11px;color:var(--muted)}
.problems li{margin:4px 0}.problems li.error b{color:var(--del)}
.keys{color:var(--muted);font-size:12px}
@media (max-width:700px){
 body{padding:10px}
 table,tbody,tr,td{display:block;width:100%}
 thead{display:none}
 tr{border:1px solid var(--line);border-radius:6px;margin:0 0 8px;padding:4px}
 td{border:0;padding:2px 4px}
 td::before{content:attr(data-label);display:inline-block;min-width:60px;color:var(--muted);font-size:11px}
 .conflict{grid-template-columns:1fr}
}
`;

const script = `
(function(){
var root=document.documentElement;
function theme(){return root.dataset.theme||(window.matchMedia&&window.matchMedia('(prefers-color-scheme: dark)').matches?'dark':'light');}
var toggle=document.getElementById('theme');
function label(){toggle.textContent=theme()==='dark'?'Light theme':'Dark theme';}
toggle.addEventListener('click',function(){root.dataset.theme=theme()==='dark'?'light':'dark';label();});
label();
var body=document.querySelector('#ops tbody');
if(!body){document.addEventListener('keydown',function(e){if(e.key==='t'&&!e.ctrlKey&&!e.metaKey&&!e.altKey)toggle.click();});return;}
var rows=Array.prototype.slice.call(document.querySelectorAll('#ops tbody tr'));
var texts=new Map();rows.forEach(function(r){texts.set(r,r.textContent.toLowerCase());});
var text=document.getElementById('filter-text');
var kind=document.getElementById('filter-kind');
var file=document.getElementById('filter-file');
var count=document.getElementById('count');
var current=-1;
function visible(){return rows.filter(function(r){return !r.hidden;});}
function apply(){
  var q=text.value.trim().toLowerCase(),k=kind.value,f=file.value,n=0;
  rows.forEach(function(r){
    var show=(k===''||r.dataset.kind===k)&&(f===''||r.dataset.file===f)&&(q===''||texts.get(r).indexOf(q)!==-1);
    r.hidden=!show;if(show)n++;
  });
  count.textContent=n+' of '+rows.length+' rows';
  mark(-1);
}
function mark(i){
  var v=visible();
  rows.forEach(function(r){r.classList.remove('current');});
  current=Math.max(-1,Math.min(i,v.length-1));
  if(current>=0){v[current].classList.add('current');v[current].scrollIntoView({block:'nearest'});}
}
text.addEventListener('input',apply);kind.addEventListener('change',apply);file.addEventListener('change',apply);
var heads=Array.prototype.slice.call(document.querySelectorAll('#ops th[data-sort]'));
function sortBy(th){
  var key=th.dataset.sort,dir=th.getAttribute('aria-sort')==='ascending'?-1:1;
  heads.forEach(function(h){h.removeAttribute('aria-sort');});
  th.setAttribute('aria-sort',dir===1?'ascending':'descending');
  rows.sort(function(a,b){
    var x=a.dataset[key],y=b.dataset[key];
    if(key==='index'){x=Number(x);y=Number(y);}
    return (x<y?-1:x>y?1:Number(a.dataset.index)-Number(b.dataset.index))*dir;
  });
  rows.forEach(function(r){body.appendChild(r);});
  mark(-1);
}
heads.forEach(function(th){
  th.addEventListener('click',function(){sortBy(th);});
  th.addEventListener('keydown',function(e){if(e.key==='Enter'||e.key===' '){e.preventDefault();sortBy(th);}});
});
document.addEventListener('keydown',function(e){
  var t=e.target,typing=t&&(t.tagName==='INPUT'||t.tagName==='SELECT'||t.tagName==='TEXTAREA');
  if(e.key==='Escape'&&t===text){text.value='';apply();text.blur();return;}
  if(typing||e.ctrlKey||e.metaKey||e.altKey)return;
  if(e.key==='/'){e.preventDefault();text.focus();}
  else if(e.key==='j'){mark(current+1);}
  else if(e.key==='k'){mark(Math.max(0,current-1));}
  else if(e.key==='t'){toggle.click();}
  else if(e.key==='Enter'&&current>=0){var a=visible()[current].querySelector('a');if(a)a.click();}
});
apply();
})();
`;

/**
 * Renders the page as one self-contained HTML document. A Content-Security-Policy forbids every fetch (no
 * network); the only links are to the task and project on `page.server`.
 */
export function renderHtml(page: HtmlPage): string {
  const base = vikunjaBase(page);
  const kinds = [...new Set(page.rows.map((row) => row.kind))].sort();
  const files = [...new Set(page.rows.map((row) => row.file).filter((file): file is string => file !== null))].sort();
  const title = `membank ${page.heading}${page.project === null ? '' : ` — ${page.project.title}`}`;
  const table =
    page.rows.length === 0
      ? '<p>No ops: nothing to write.</p>'
      : `<table id="ops"><thead><tr>` +
        `<th data-sort="index" tabindex="0" aria-sort="ascending">#</th><th data-sort="kind" tabindex="0">kind</th>` +
        `<th data-sort="where" tabindex="0">source</th><th data-sort="title" tabindex="0">title</th><th>change</th><th>task</th>` +
        `</tr></thead><tbody>${page.rows.map((row, index) => renderRow(row, index, base)).join('')}</tbody></table>`;
  const filters =
    page.rows.length === 0
      ? ''
      : `<div class="filters" role="search"><input id="filter-text" type="search" placeholder="Filter (press /)" aria-label="filter by text">` +
        `<select id="filter-kind" aria-label="filter by kind"><option value="">all kinds</option>${kinds.map((kind) => `<option>${escapeHtml(kind)}</option>`).join('')}</select>` +
        `<select id="filter-file" aria-label="filter by file"><option value="">all files</option>${files.map((file) => `<option>${escapeHtml(file)}</option>`).join('')}</select>` +
        `<span id="count" aria-live="polite"></span></div>`;
  return (
    `<!doctype html>\n<html lang="en"><head><meta charset="utf-8">` +
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>${escapeHtml(title)}</title><style>${style}</style></head><body>` +
    `<header><h1>${escapeHtml(title)}</h1><span class="keys">/ filter · j/k rows · Enter open · t theme</span><button id="theme" type="button">Dark theme</button></header>` +
    `<p class="keys">generated ${escapeHtml(formatTimestamp(page.generatedAt))}</p>` +
    `<div class="top">${renderSummary(page, base)}` +
    `<section aria-label="chart"><h2>Ops by source file and by kind</h2>${renderChart(page.rows)}</section></div>` +
    `<section aria-label="ops"><h2>Ops (${page.rows.length})</h2>${filters}${table}</section>` +
    renderProblems(page) +
    `<script>${script}</script>` +
    `</body></html>\n`
  );
}
