/**
 * The fifteen real memory banks in ../shared/memory-banks/corpus (read in place, never copied): discovery +
 * parse must not crash, and each bank's expectations below were written down by reading that bank.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDefaultConfig } from '../../../src/core/config.js';
import type { DiscoverResult } from '../../../src/core/source-file.js';
import { taskRecordSchema, type TaskRecord } from '../../../src/core/task-record.js';
import { discoverBanks } from '../../../src/memory-bank/discover.js';
import { parseFiles, type ParseResult } from '../../../src/memory-bank/parse.js';
import { validateReading } from '../../../src/memory-bank/validate.js';
import { createNodeFileSystem } from '../../../src/runtime.js';

const projectRoot = new URL('../../../', import.meta.url);
const corpus = fileURLToPath(new URL('../shared/memory-banks/corpus/', projectRoot));
const available = existsSync(corpus);
if (!available) {
  // Visible in the test output: the corpus lives beside the project and is not shipped with it.
  console.warn(`corpus tests skipped: ${corpus} not found (the shared memory-bank corpus sits beside the project root)`);
}

interface Reading {
  discover: DiscoverResult;
  parse: ParseResult;
}

const readings = new Map<string, Reading>();
const config = createDefaultConfig();

async function read(bank: string): Promise<Reading> {
  const cached = readings.get(bank);
  if (cached !== undefined) return cached;
  const discover = await discoverBanks(`${corpus}${bank}`, { files: createNodeFileSystem(), config: config.discover });
  const reading = { discover, parse: parseFiles(discover.files, { vocabulary: config.vocabulary }) };
  readings.set(bank, reading);
  return reading;
}

function byTitle(records: readonly TaskRecord[], title: string): TaskRecord {
  const found = records.find((record) => record.title === title);
  if (found === undefined) throw new Error(`no record titled ${JSON.stringify(title)}`);
  return found;
}

function childrenOf(records: readonly TaskRecord[], parent: TaskRecord): TaskRecord[] {
  return records.filter((record) => record.parentKey === parent.key);
}

function fromFile(records: readonly TaskRecord[], suffix: string): TaskRecord[] {
  return records.filter((record) => record.source.path.endsWith(suffix));
}

const banks = [
  '89780012__online-notepad',
  'Alphaquest2005__AutoBot-Enterprise',
  'BioInfo__nova-brief',
  'Capp3__STLab',
  'GalaxyXieyu__didatodolist-mcp',
  'Heratiki__locallama-mcp',
  'JochenWeerda__AI_driven_ERP',
  'Misty02600__nonebot-plugin-parser',
  'Nomoos__BlueMarble.Design',
  'RockyBoyRC__SpaceWeirdos',
  'Xoe-NovAi__xoe-novai-foundation',
  'dtg01100__pure3270',
  'efargas__S7-Tools',
  'toptracerpeter__clinewiz',
  'tyrchen__todo',
] as const;

describe.skipIf(!available)('corpus: every bank parses', () => {
  beforeAll(async () => {
    for (const bank of banks) await read(bank);
  });

  it.each(banks)('%s: valid, unique, ordered records from task files only', async (bank) => {
    const { discover, parse } = await read(bank);
    const keys = new Set<string>();
    const taskFiles = new Set(discover.files.filter((file) => file.extractors.length > 0).map((file) => file.path));
    for (const record of parse.records) {
      expect(taskRecordSchema.safeParse(record).success, record.key).toBe(true);
      expect(keys.has(record.key), record.key).toBe(false);
      keys.add(record.key);
      expect(taskFiles.has(record.source.path), record.source.path).toBe(true);
      expect(record.title, record.key).not.toMatch(/^\[\d{4}-\d{2}-\d{2}/u);
      // Never a line number: a bare number as anchor only ever comes from the author's own id (Kiro `1.1`).
      if (record.sourceId === null) expect(record.key, record.key).not.toMatch(/#\d+$/u);
    }
    for (const record of parse.records) {
      if (record.parentKey !== null) expect(keys.has(record.parentKey), `${record.key} → ${record.parentKey}`).toBe(true);
    }
    expect(parse.records.map((record) => record.order)).toEqual(parse.records.map((_, index) => index));
    const report = validateReading(discover, parse);
    expect(report.problems.filter((problem) => problem.code === 'duplicate-key' || problem.code === 'record-invalid')).toEqual([]);
    expect(parse.explain.length).toBe(discover.files.length);
  });
});

describe.skipIf(!available)('corpus: what each bank holds', () => {
  it('Xoe-NovAi (the client): every active_sprint row is a task; context documents give none', async () => {
    const { parse, discover } = await read('Xoe-NovAi__xoe-novai-foundation');
    const sprint = fromFile(parse.records, 'memory_bank/tasks/active_sprint.md');
    expect(sprint.map((record) => [record.title, record.owner, record.priority.value, record.status.canonical])).toEqual([
      ['PM-001 · Implement Pydantic Schema in MB-MCP', 'General', 4, 'done'],
      ['PM-002 · Implement A2A Handshake in MB-MCP', 'General', 3, 'done'],
      ['SESS-14 · Stabilize Llama Server & Mesh Standards', 'Facet 1', 3, 'done'],
      ['SESS-14b · Configure OTLP to Jaeger & Registry', 'Facet 1', 3, 'done'],
      ['SESS-15 · Implement Chat Trimming Protocol', 'Facet 1', 4, 'todo'],
      ['SESS-15.b · Verify & Benchmark KV Cache Optimization (n_ctx=32k, q4_0)', 'Facet 1', 3, 'todo'],
      ['PM-003 · Rebuild MB-MCP Podman Image', 'General', 3, 'todo'],
      ['PM-004 · Create Sentinel Prototype (Python)', 'General', 2, 'todo'],
      ['PM-005 · Deep Storage Sweep (~/.cache, ~/.npm)', 'General', 2, 'planned'],
    ]);
    expect(sprint.map((record) => record.key)).toContain('memory_bank/tasks/active_sprint.md#PM-003');
    expect(sprint[0]?.status).toEqual({ canonical: 'done', raw: '✅ Done', from: 'table-cell' });
    expect(sprint[4]?.status.raw).toBe('⏳ Pending');
    expect(sprint[8]?.status.raw).toBe('🔮 Planned');
    // The bullets under "## 🚧 Blockers" and "## 🗒️ Notes" are not tasks.
    expect(sprint).toHaveLength(9);
    // Context documents (267 files: briefs, handovers, strategies, chronicles…) produce no tasks.
    for (const path of [
      'memory_bank/projectbrief.md',
      'memory_bank/activeContext.md',
      'memory_bank/techContext.md',
      'memory_bank/systemPatterns.md',
      'memory_bank/MEMORY_BANK_IMPROVEMENTS.md',
      'memory_bank/activeContext/sprint-7-handover-2026-02-18.md',
      'memory_bank/strategies/WAVE-4-P2-CODE-COMPLETION-PIPELINE-DESIGN.md',
    ]) {
      expect(discover.files.find((file) => file.path === path)?.kind, path).toBe('context-document');
      expect(fromFile(parse.records, path), path).toEqual([]);
    }
    const contextPaths = new Set(discover.files.filter((file) => file.kind === 'context-document').map((file) => file.path));
    expect(parse.records.filter((record) => contextPaths.has(record.source.path))).toEqual([]);
    // The project queue kept as YAML ("single source of truth for all active tasks, ready for Vikunja import"): its 20
    // items in four tiers, keyed by their ids, P0–P3 as priorities, the subtasks of P-010 and P-017; not its risks.
    const queue = fromFile(parse.records, 'memory_bank/strategies/PROJECT-QUEUE.yaml');
    expect(queue).toHaveLength(28);
    const p001 = byTitle(queue, 'P-001 · Fix Agent Bus Stream Key Split');
    expect(p001).toMatchObject({ key: 'memory_bank/strategies/PROJECT-QUEUE.yaml#P-001', sourceId: 'P-001', priority: { value: 4 } });
    expect(p001.status).toEqual({ canonical: 'done', raw: 'completed', from: 'frontmatter-item' });
    expect(p001.dates.done).toBe('2026-02-19');
    expect(p001.labels).toContain('agent_bus');
    expect(p001.body).toContain('**Acceptance criteria:**\n- All Agent Bus components use consistent stream key');
    expect(byTitle(queue, 'P-002 · Resolve Permission/UID Cascade Issues').status.canonical).toBe('in_progress');
    expect(byTitle(queue, 'P-030 · Arcana-Nova Stack').status.canonical).toBe('deferred');
    expect(childrenOf(queue, byTitle(queue, 'P-010 · Codebase-Wide Review Pipeline')).map((record) => record.title)).toEqual([
      'Security Discovery',
      'Architecture + Performance Planning',
      'Opus Strategic Review',
      'Implementation',
    ]);
    expect(queue.filter((record) => record.title.includes('RISK-'))).toEqual([]);
    // The bank as a whole: the sprint table, the SONNET checklist tables (151 id rows + 5 phase rows), milestones
    // (24 deliverables and the 8 completed phases), planning (29 rows), progress.md epochs and RCF table, the issues
    // backlog, one audit document, the project queue (28).
    expect(parse.records.length).toBeGreaterThanOrEqual(256);
    expect(parse.records.length).toBeLessThanOrEqual(296);
    const milestones = fromFile(parse.records, 'memory_bank/progress/milestones.md');
    expect(milestones).toHaveLength(32);
    // `## Phase Completions` over `### Phase 1: … ✅` … `### Phase 7: … ✅` beside the tables: a run of headings carrying
    // their status, each a milestone done, its bullets (the phase's deliverables) its body.
    const phases = milestones.filter((record) => record.extractor === 'checklist');
    expect(phases.map((record) => [record.title.replace(/:.*/u, ''), record.status.canonical])).toEqual(
      ['Phase 1', 'Phase 2', 'Phase 3', 'Phase 4', 'Phase 4.2.6', 'Phase 5', 'Phase 6', 'Phase 7'].map((title) => [title, 'done']),
    );
    expect(byTitle(milestones, 'Phase 1: Import Standardization & Module Skeleton').body).toContain('Absolute Imports Implemented');
    expect(byTitle(milestones, 'Memory Tools Integration').status).toMatchObject({ canonical: 'todo', raw: '🔄 Next' });
    expect(byTitle(milestones, 'VictoriaMetrics deployment').status).toMatchObject({ canonical: 'done', raw: '✅ Operational' });
    const audit = fromFile(parse.records, 'memory_bank/infrastructure/QDRANT-STATE-AUDIT.md');
    expect(audit.map((record) => [record.status.canonical, record.priority.value])).toEqual([['done', 4]]);
    const epoch = byTitle(parse.records, '🏺 Epoch 2: The Hellenic Scribe');
    expect(epoch).toMatchObject({ status: { canonical: 'in_progress', raw: '75% IN PROGRESS 🌀' }, percentDone: 0.75 });
    // Status columns holding notes ("From benchmark analysis", "C4 Mermaid diagram"): each note is its row's
    // description, the row not started, one warning per table (version 33: 12 unknown statuses, a warning each, and
    // write-back wrote over the notes).
    const planning = fromFile(parse.records, 'memory_bank/progress/planning.md');
    expect(planning.filter((record) => record.status.canonical === 'unknown')).toEqual([]);
    expect(byTitle(planning, 'XNAI-STACK-OVERVIEW.md')).toMatchObject({ status: { canonical: 'todo', from: 'default' }, body: 'C4 Mermaid diagram' });
    expect(planning.filter((record) => record.status.from === 'default' && record.body !== '')).toHaveLength(12);
    const noted = parse.problems.filter((problem) => problem.file === 'memory_bank/progress/planning.md');
    expect(noted.map((problem) => [problem.code, problem.line])).toEqual([['status-notes', 58], ['status-notes', 66], ['status-notes', 76]]);
  });

  it('online-notepad (Roo): two stamped items; template placeholders are not tasks', async () => {
    const { parse } = await read('89780012__online-notepad');
    expect(parse.records.map((record) => [record.title, record.status.canonical, record.dates.done])).toEqual([
      ['Completed state management refactor by lifting state to page.tsx.', 'done', '2025-08-30T10:57:17'],
      ['Fixed stale state bug in useLocalNotes.ts.', 'done', '2025-08-30T10:50:02'],
    ]);
  });

  it('AutoBot (Roo + cursor hybrid): timestamps in front of markers are moved aside', async () => {
    const { parse } = await read('Alphaquest2005__AutoBot-Enterprise');
    // tasks.md (87 kB) holds ~140 checkboxes plus `[ts] - ## Task:` headings; progress.md has no status sections.
    expect(parse.records.length).toBeGreaterThanOrEqual(150);
    expect(parse.records.length).toBeLessThanOrEqual(170);
    // Its `[ts] - ## Update on Task: … Technology Validation …` entries restate one checklist five times as it is
    // ticked off: one task per checkpoint, its status the latest entry's (a sixth copy under a task heading stays
    // that task's subtask; the plan's own `- [ ]` copy sits under the plan).
    const restated = parse.records.filter((record) => record.title === 'Test build passes successfully.');
    expect(restated.map((record) => [record.source.line, record.status.canonical, record.parentKey === null])).toEqual([
      [368, 'todo', false],
      [472, 'done', true],
      [488, 'done', false],
    ]);
    // `"Hello world" MCP tool runs successfully (Awaiting MCP server reload …).`, then `(Server connected, tool
    // available).`, then without a note: the same checkpoint, its note changing from entry to entry.
    const helloWorld = parse.records.filter((record) => record.title.startsWith('"Hello world" MCP tool runs successfully'));
    expect(helloWorld.map((record) => [record.title, record.source.line, record.status.canonical, record.parentKey === null])).toEqual([
      ['"Hello world" MCP tool runs successfully.', 473, 'done', true],
      ['"Hello world" MCP tool runs successfully.', 489, 'done', false],
    ]);
    expect(parse.problems.filter((problem) => problem.code === 'restated-item' && problem.message.includes('in dated entries of a log'))).toHaveLength(9);
    expect(fromFile(parse.records, 'memory-bank/progress.md')).toEqual([]);
    const setup = byTitle(parse.records, 'Setup Advanced Memory Bank');
    expect(setup.dates.created).toBe('2025-05-03T16:47:47');
    const serilog = byTitle(parse.records, 'Setup Serilog for AutoBotUtilities.Tests\\EmailDownloaderIntegrationTests.cs');
    expect(serilog).toMatchObject({ status: { canonical: 'todo' }, dates: { created: '2025-05-12T11:41:31' } });
    // `- [x] Planning complete (PLAN)`: the mode name in parentheses is a remark, the checkbox is the status.
    expect(byTitle(parse.records, 'Initialization complete (VAN)').status.canonical).toBe('done');
  });

  it('nova-brief (Roo): repeated Completed/Current/Next sections, backwards timestamps', async () => {
    const { parse } = await read('BioInfo__nova-brief');
    expect(parse.records).toHaveLength(55);
    const counts = { done: 0, in_progress: 0, todo: 0 } as Record<string, number>;
    for (const record of parse.records) counts[record.status.canonical] = (counts[record.status.canonical] ?? 0) + 1;
    expect(counts).toEqual({ done: 28, in_progress: 11, todo: 16 });
    expect(byTitle(parse.records, 'Refactored Nova Brief application to support configurable LLM models and providers').dates.done).toBe('2025-08-16T20:26:40');
    expect(parse.records.some((record) => record.title.includes('Real-time progress tracking'))).toBe(false);
    expect(parse.records.some((record) => /Log of updates made|Initialized Memory Bank/u.test(record.title))).toBe(false);
  });

  it('STLab (cursor): Next heading task with its checklist, completed-tasks table, criteria are not tasks', async () => {
    const { parse } = await read('Capp3__STLab');
    const tasks = fromFile(parse.records, 'memory-bank/tasks.md');
    expect(tasks).toHaveLength(13);
    const next = byTitle(tasks, 'TASK-003 · Phase 1, Increment 1: Project Skeleton + Docker');
    expect(next).toMatchObject({ status: { canonical: 'todo', raw: 'Next' }, owner: null, extra: { Complexity: 'Low' } });
    expect(childrenOf(tasks, next)).toHaveLength(9);
    expect(next.body).toContain('docker compose up');
    expect(tasks.some((record) => record.title.includes('starts cleanly'))).toBe(false);
    expect(byTitle(tasks, 'RESET · Full project reset — delete all dev files, write new project brief').status.canonical).toBe('done');
    expect(byTitle(tasks, 'TASK-002 · Fix React error #185 (max nested update depth)').status.raw).toMatch(/^Resolved/u);
    // progress.md's "Prior history" table restates TASK-001 and TASK-002 of tasks.md: one task each, seen in both files.
    expect(parse.problems.filter((problem) => problem.code === 'duplicate-id')).toEqual([]);
    expect(fromFile(parse.records, 'memory-bank/progress.md')).toEqual([]);
    expect(byTitle(tasks, 'TASK-001 · Initial Docker bring-up and persistence').alsoSeenAt).toEqual([expect.objectContaining({ path: 'memory-bank/progress.md', line: 33 })]);
  });

  it('didatodolist (zh): inline owner and dates, nested checklists, status sections', async () => {
    const { parse } = await read('GalaxyXieyu__didatodolist-mcp');
    expect(parse.records).toHaveLength(72);
    expect(byTitle(parse.records, '确认项目需求和范围')).toMatchObject({ owner: '张三', status: { canonical: 'done' }, dates: { done: '2023-10-15' } });
    const tests = byTitle(parse.records, '编写单元测试');
    expect(tests).toMatchObject({ owner: '李四', status: { canonical: 'todo' }, dates: { due: '2023-12-10' } });
    expect(childrenOf(parse.records, tests).map((record) => record.title)).toEqual(['目标管理API测试', '统计分析模块测试', '关键词提取功能测试', '匹配算法测试']);
    expect(fromFile(parse.records, 'memory_bank/feature_plan.md')).toEqual([]);
  });

  it('locallama (Roo-like, free-form): sections and trailing "- in progress"', async () => {
    const { parse } = await read('Heratiki__locallama-mcp');
    expect(parse.records).toHaveLength(20);
    expect(byTitle(parse.records, 'Phase 0: Documentation and Shared Memory').status).toMatchObject({ canonical: 'in_progress', from: 'inline' });
    expect(byTitle(parse.records, 'Fix the cross-platform build script.').status.canonical).toBe('todo');
    // "### Verified" lists check results, not work items.
    expect(parse.records.some((record) => record.title.includes('npm run lint currently fails'))).toBe(false);
  });

  it('AI_driven_ERP (de): five documents in one tasks.md, statuses in headings, priority sections', async () => {
    const { parse } = await read('JochenWeerda__AI_driven_ERP');
    const tasks = fromFile(parse.records, 'memory-bank/tasks.md');
    expect(tasks.length).toBeGreaterThanOrEqual(90);
    expect(tasks.length).toBeLessThanOrEqual(98);
    const watchdog = byTitle(tasks, 'Watchdog-Fallback-System');
    expect(watchdog.status).toMatchObject({ canonical: 'done', raw: 'ABGESCHLOSSEN', from: 'heading' });
    expect(childrenOf(tasks, watchdog)).toHaveLength(10);
    expect(byTitle(tasks, 'Dokumentenmanagement').priority.value).toBe(3);
    expect(byTitle(tasks, 'IoT-Integration').priority.value).toBe(1);
    expect(byTitle(tasks, 'Einrichtung des Memory Bank Systems').status.canonical).toBe('in_progress');
    expect(byTitle(tasks, 'E-Commerce-Frontend-Entwicklung').status).toMatchObject({ canonical: 'todo', raw: 'NÄCHSTE AUFGABE' });
    expect(tasks.some((record) => record.title.startsWith('Das Memory Bank System wird verwendet'))).toBe(false);
    // progress.md's Cline sections in German: "Was funktioniert" (what works), "Was noch zu erstellen ist" (what's left).
    const progress = fromFile(parse.records, 'memory-bank/progress.md');
    expect(byTitle(progress, 'Memory Bank System ist installiert und konfiguriert').status.canonical).toBe('done');
    expect(byTitle(progress, 'Mobile App für unterwegs').status.canonical).toBe('todo');
    // Three of the seven it lists as left to build are the open items of its "Build-Plan-System" checklist: one task
    // each, the checklist's.
    expect(progress.filter((record) => record.source.line >= 8 && record.source.line <= 30).map((record) => record.status.canonical)).toEqual([
      ...Array<string>(4).fill('done'),
      ...Array<string>(4).fill('todo'),
    ]);
    expect(['Berichte und Statistiken', 'Umfassende Tests', 'Deployment-Pipeline'].map((title) => progress.filter((record) => record.title === title).map((record) => record.source.line))).toEqual([[51], [52], [53]]);
    // "### Nächste Schritte für Repository:" (next steps for the repository), beside those status headings.
    expect(byTitle(progress, 'Remote-Repository konfigurieren').status.canonical).toBe('todo');
  });

  it('nonebot-plugin-parser (tasks folder, zh): index lines, and progress items pointing at a task (`→ TASK001`), fold into task files', async () => {
    const { parse } = await read('Misty02600__nonebot-plugin-parser');
    const files = parse.records.filter((record) => record.extractor === 'tasks-folder-task' && record.parentKey === null);
    expect(files.map((record) => [record.title, record.status.canonical])).toEqual([
      ['TASK001 · B站专栏链接解析失败', 'todo'],
      ['TASK002 · 抖音精选页链接无法解析', 'todo'],
      ['TASK003 · 解析后按需下载媒体资源', 'todo'],
      ['TASK004 · 直播链接解析扩展（B站优先，多平台调研）', 'todo'],
    ]);
    expect(files.map((record) => record.alsoSeenAt.map((ref) => `${ref.path}:${ref.line}`))).toEqual([
      ['memory-bank/progress.md:18', 'memory-bank/tasks/_index.md:6'],
      ['memory-bank/progress.md:19', 'memory-bank/tasks/_index.md:7'],
      ['memory-bank/progress.md:20', 'memory-bank/tasks/_index.md:8'],
      ['memory-bank/tasks/_index.md:9'],
    ]);
    const task004 = files[3];
    expect(task004?.percentDone).toBe(0.35);
    expect(task004?.dates).toMatchObject({ created: '2026-03-12', updated: '2026-03-12' });
    expect(task004 === undefined ? [] : childrenOf(parse.records, task004)).toHaveLength(7);
    expect(parse.records.filter((record) => record.extractor === 'tasks-folder-index')).toEqual([]);
    expect(parse.records).toHaveLength(31);
  });

  it('BlueMarble (roadmap): Task N headings, milestone deliverables; acceptance criteria are not tasks', async () => {
    const { parse } = await read('Nomoos__BlueMarble.Design');
    const dashboard = fromFile(parse.records, 'roadmap/tasks/player-resource-dashboard.md');
    expect(dashboard.filter((record) => record.title.startsWith('Task '))).toHaveLength(17);
    expect(byTitle(dashboard, 'Task 1 · Resource API Endpoints')).toMatchObject({ status: { canonical: 'todo', raw: 'Todo' }, owner: 'Backend team' });
    expect(fromFile(parse.records, 'roadmap/tasks/player-trading-marketplace.md')).toEqual([]);
    const milestone = byTitle(parse.records, 'Milestone 1 · Design Foundation Complete');
    expect(childrenOf(parse.records, milestone)).toHaveLength(5);
    expect(milestone.dates.due).toBe('2025-12-31');
    expect(parse.records.length).toBeGreaterThanOrEqual(65);
    expect(parse.records.length).toBeLessThanOrEqual(75);
  });

  it('SpaceWeirdos (Kiro): numbered hierarchy, optional and in-progress markers', async () => {
    const { parse } = await read('RockyBoyRC__SpaceWeirdos');
    // Four items are written twice by Kiro (`- [x] 2.5 …` then an unticked copy): one done task each (restated items).
    expect(parse.records).toHaveLength(917);
    expect(parse.records.filter((record) => record.labels.includes('optional'))).toHaveLength(70);
    expect(parse.records.filter((record) => record.status.raw === '[-]')).toHaveLength(3);
    const ui = fromFile(parse.records, '.kiro/specs/1-ui-design-system/tasks.md');
    expect(ui).toHaveLength(44);
    const tokens = byTitle(ui, '2 · Implement design tokens');
    const property = byTitle(ui, '2.3 · Write property test for color contrast');
    expect(property).toMatchObject({ parentKey: tokens.key, labels: ['optional'], status: { canonical: 'todo' } });
    expect(byTitle(ui, '2.1 · Create color tokens').extra.requirements).toBe('1.1, 1.2, 1.3, 1.4, 1.5, 1.7');
    // `2.5` is written twice in that file, ticked then unticked: one task, done, and a `restated-item` warning.
    expect(byTitle(ui, '2.5 · Write tests for spacing token definitions').status.canonical).toBe('done');
    expect(parse.problems.filter((problem) => problem.code === 'restated-item')).toHaveLength(4);
    expect(parse.problems.filter((problem) => problem.code === 'duplicate-id')).toHaveLength(0);
    expect(parse.records.filter((record) => record.source.path.endsWith('requirements.md') || record.source.path.endsWith('design.md'))).toEqual([]);
  });

  it('pure3270 (tasks folder): files, subtask tables, index-only tasks and a self-contradicting file', async () => {
    const { parse } = await read('dtg01100__pure3270');
    const task009 = byTitle(parse.records, 'TASK009 · Configurable Terminal Models');
    expect(task009).toMatchObject({ status: { canonical: 'done', raw: 'Completed' }, percentDone: 1, dates: { created: '2025-10-13', done: '2025-10-13' } });
    expect(childrenOf(parse.records, task009).map((record) => record.sourceId)).toEqual(['9.1', '9.2', '9.3', '9.4', '9.5', '9.6', '9.7', '9.8']);
    expect(task009.progress.length).toBeGreaterThanOrEqual(1);
    expect(task009.progress[0]?.date).toBe('2025-10-13');
    // TASK001 and TASK003 are listed in the index but have no file: they stay index records.
    expect(parse.records.filter((record) => record.extractor === 'tasks-folder-index').map((record) => record.sourceId)).toEqual(['TASK001', 'TASK003']);
    const task002 = parse.records.find((record) => record.sourceId === 'TASK002');
    expect(task002?.status.canonical).toBe('in_progress');
    expect(parse.problems).toContainEqual(
      expect.objectContaining({ code: 'status-conflict', file: 'memory-bank/tasks/_index.md', message: expect.stringContaining('TASK002: index says') }),
    );
    // TASK002's file holds its subtask table twice (2.1…2.6): one task per row, not two.
    expect(parse.records).toHaveLength(58);
    expect(childrenOf(parse.records, task002 as TaskRecord).map((record) => record.sourceId)).toEqual(['2.1', '2.2', '2.3', '2.4', '2.5', '2.6']);
  });

  it('S7-Tools (tasks folder, es): index under In Progress says Not Started; files say In Progress', async () => {
    const { parse } = await read('efargas__S7-Tools');
    const task013 = byTitle(parse.records, 'TASK013 · Implementar Command Pattern en operaciones de logs');
    expect(task013).toMatchObject({ status: { canonical: 'in_progress', raw: 'In Progress' }, percentDone: 0 });
    expect(childrenOf(parse.records, task013).map((record) => record.status.canonical)).toEqual(['todo', 'todo', 'todo', 'todo']);
    expect(parse.problems.filter((problem) => problem.code === 'status-conflict')).toHaveLength(10);
    expect(parse.records).toHaveLength(22);
  });

  it('clinewiz (frontmatter): one task per document, kanban progress, parents by id', async () => {
    const { parse } = await read('toptracerpeter__clinewiz');
    const documents = parse.records.filter((record) => record.extractor === 'frontmatter-task');
    expect(documents).toHaveLength(8);
    const webview = byTitle(documents, 'Webview (Detail & Graph)');
    expect(webview).toMatchObject({ status: { canonical: 'in_progress', raw: 'in-progress', from: 'frontmatter' }, percentDone: 0.75 });
    expect(byTitle(documents, 'Graph View').parentKey).toBe(webview.key);
    expect(byTitle(documents, 'Cline Integration').status.canonical).toBe('blocked');
    const kanban = fromFile(parse.records, 'memory-bank/progress.md');
    expect(kanban.filter((record) => record.status.canonical === 'todo')).toHaveLength(11);
    expect(kanban.filter((record) => record.status.canonical === 'in_progress')).toHaveLength(1);
    expect(kanban.filter((record) => record.status.canonical === 'done')).toHaveLength(32);
    expect(byTitle(documents, 'TreeView').labels).toEqual(['vscode', 'ui', 'explorer']);
  });

  it('tyrchen/todo: metadata bullets after a checklist make the heading its parent', async () => {
    const { parse } = await read('tyrchen__todo');
    // 126 items read, of which progress.md restates 12 of tasks.md's (`Added dark mode support` for `Add dark mode support`),
    // and its "Upcoming" list names again the open item of week 3's plan (`Complete remaining refactoring tasks`).
    expect(parse.records).toHaveLength(113);
    expect(parse.records.filter((record) => record.title === 'Complete remaining refactoring tasks').map((record) => record.source.line)).toEqual([26]);
    const restated = parse.records.filter((record) => record.alsoSeenAt.some((place) => place.path === 'memory_bank/progress.md'));
    expect(restated.map((record) => record.title)).toContain('Add dark mode support');
    expect(restated.every((record) => record.source.path === 'memory_bank/tasks.md')).toBe(true);
    expect(restated).toHaveLength(12);
    const refactoring = byTitle(fromFile(parse.records, 'memory_bank/tasks.md'), 'Clean Code Refactoring');
    expect(refactoring).toMatchObject({ priority: { value: 3, raw: 'High' }, owner: null, extra: { Due: 'End of current sprint' } });
    expect(childrenOf(parse.records, refactoring)).toHaveLength(5);
    expect(parse.problems.filter((problem) => problem.code === 'date-unparseable').length).toBeGreaterThanOrEqual(10);
  });
});
