import { existsSync, lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDefaultConfig } from '../../../src/core/config.js';
import type { DiscoverResult, ExtractorNameValue, FileKindValue } from '../../../src/core/source-file.js';
import { discoverBanks } from '../../../src/memory-bank/discover.js';
import { createNodeFileSystem } from '../../../src/runtime.js';

/** The shared corpus sits beside the project: <project>/../shared/memory-banks/corpus. Never copied in. */
const corpusDir = fileURLToPath(new URL('../../../../shared/memory-banks/corpus/', import.meta.url));
const hasCorpus = existsSync(corpusDir);
if (!hasCorpus) console.warn(`corpus discovery tests skipped: ${corpusDir} is absent (the shared corpus is not checked out)`);

type KindCounts = Partial<Record<FileKindValue, number>>;

/** What reading a bank by hand says discovery must find. */
interface BankExpectation {
  /** Bank folder, relative to the repository folder. */
  bank: string;
  conventions: string[];
  /** Exact number of files per kind (kinds not listed: 0). */
  counts: KindCounts;
  /** Specific files (relative to the bank) → kind and extractors. */
  files: Record<string, [FileKindValue, ExtractorNameValue[]]>;
  /** Files (relative to the bank) that must not be task sources. */
  notTasks: string[];
}

const ctx: ExtractorNameValue[] = [];

/**
 * Expectations written down by reading each bank (see the per-bank comment). Counts are exact: a change in
 * classification shows up here, and the comment says why the number is what it is.
 */
const expectations: Record<string, BankExpectation> = {
  // Roo (#11): the template preamble plus `* [ts] -` items under ## Completed Tasks → progress.md is the only task
  // source; activeContext/decisionLog/productContext/systemPatterns are Roo context files.
  '89780012__online-notepad': {
    bank: 'memory-bank',
    conventions: ['roo', 'cline'],
    counts: { 'task-list': 1, 'context-document': 4 },
    files: { 'progress.md': ['task-list', ['roo-progress']], 'decisionLog.md': ['context-document', ctx] },
    notTasks: ['activeContext.md', 'decisionLog.md', 'productContext.md', 'systemPatterns.md'],
  },
  // Roo + cursor hybrid (#24): tasks.md (87 kB, `[ts] - ## Task:` blocks, checklists) and a Roo-stamped progress.md.
  // operationalConstraints.md is timestamped rules and email-mcp-server-usage.md a tool guide: context.
  'Alphaquest2005__AutoBot-Enterprise': {
    bank: 'memory-bank',
    conventions: ['roo', 'cursor', 'cline'],
    counts: { 'task-list': 2, 'context-document': 7 },
    files: { 'tasks.md': ['task-list', ['cursor-tasks']], 'progress.md': ['task-list', ['roo-progress']] },
    notTasks: ['activeContext.md', 'operationalConstraints.md', 'email-mcp-server-usage.md', 'techContext.md'],
  },
  // Roo (#9): appended `[ts] - **Completed: …**` blocks, each re-opening ## Completed Tasks → roo-progress. The 23 kB
  // decisionLog.md has the same stamps but is decisions, not tasks.
  'BioInfo__nova-brief': {
    bank: 'memory-bank',
    conventions: ['roo', 'cline'],
    counts: { 'task-list': 1, 'context-document': 4 },
    files: { 'progress.md': ['task-list', ['roo-progress']] },
    notTasks: ['decisionLog.md', 'activeContext.md'],
  },
  // cursor-memory-bank (#19): tasks.md is the source of truth; progress.md's "Prior history" table (Task/Outcome) is
  // a task table too. creative/ (decisions), reflection/, archive/ and style-guide.md are context.
  Capp3__STLab: {
    bank: 'memory-bank',
    conventions: ['cursor', 'cline'],
    counts: { 'task-list': 1, 'task-table': 1, 'context-document': 11 },
    files: {
      'tasks.md': ['task-list', ['cursor-tasks']],
      'progress.md': ['task-table', ['task-table']],
      'creative/creative-ptp-engine.md': ['context-document', ctx],
      'archive/archive-TASK-001.md': ['context-document', ctx],
    },
    notTasks: [
      'creative/creative-bandwidth-engine.md',
      'creative/creative-design-document-model.md',
      'reflection/reflection-TASK-001.md',
      'archive/archive-TASK-001.md',
      'style-guide.md',
      'projectbrief.md',
    ],
  },
  // underscore bank (#4, zh-CN): tasks.md checklists with (负责人, 完成日期); progress.md sections 已完成/进行中/下一阶段.
  // feature_plan.md and implementation_steps.md carry checklists but are plan documents outside a task location.
  'GalaxyXieyu__didatodolist-mcp': {
    bank: 'memory_bank',
    conventions: ['cursor'],
    counts: { 'task-list': 2, 'context-document': 6 },
    files: { 'tasks.md': ['task-list', ['cursor-tasks']], 'progress.md': ['task-list', ['section-list']] },
    notTasks: ['feature_plan.md', 'implementation_steps.md', 'summary.md', 'architecture.md'],
  },
  // free-form Roo-like (#12): progress.md has ### Completed / ## Next Steps sections; sessionLog, README and the
  // *-deprecated files are context.
  'Heratiki__locallama-mcp': {
    bank: 'memory-bank',
    conventions: ['roo', 'cline'],
    counts: { 'task-list': 1, 'context-document': 7 },
    files: { 'progress.md': ['task-list', ['section-list']], 'sessionLog.md': ['context-document', ctx] },
    notTasks: ['README.md', 'decisionLog.md', 'sessionLog.md', 'testPlan-linux-deprecated.md', 'systemPatterns-linux-deprecated.md'],
  },
  // cursor (#21, de): tasks.md (5 pasted documents) and progress.md (Was funktioniert / Was noch zu erstellen ist).
  // archive/*.md record finished work; systemPatterns.md has a module checklist but is a Cline core file.
  JochenWeerda__AI_driven_ERP: {
    bank: 'memory-bank',
    conventions: ['cursor', 'cline'],
    counts: { 'task-list': 2, 'context-document': 12 },
    files: { 'tasks.md': ['task-list', ['cursor-tasks']], 'progress.md': ['task-list', ['section-list']] },
    notTasks: ['systemPatterns.md', 'archive/archive-watchdog-fallback.md', 'implement_summary.md', 'db_summary.md'],
  },
  // tasks-folder (#15, zh-CN): _index.md + TASK001–004 (Added/Updated headers); progress.md has 已完成的功能 /
  // 待修复的问题 sections.
  'Misty02600__nonebot-plugin-parser': {
    bank: 'memory-bank',
    conventions: ['tasks-folder', 'cline'],
    counts: { 'task-document': 4, 'task-list': 1, index: 1, 'context-document': 5 },
    files: {
      'tasks/_index.md': ['index', ['tasks-folder-index']],
      'tasks/TASK004-live-link-parsing-expansion.md': ['task-document', ['tasks-folder-task']],
      'progress.md': ['task-list', ['section-list']],
    },
    notTasks: ['projectbrief.md', 'systemPatterns.md', 'techContext.md'],
  },
  // roadmap spec folder (#28): tasks/*.md hold `#### Task N:` items or a feature header; backlog.md, milestones.md,
  // roadmap.md and the example-* files are template text ([Name], YYYY-MM-DD, @username); guides and READMEs are context.
  'Nomoos__BlueMarble.Design': {
    bank: 'roadmap',
    conventions: ['roadmap'],
    counts: { 'task-document': 1, 'task-list': 2, 'context-document': 6, template: 5 },
    files: {
      'tasks/player-resource-dashboard.md': ['task-list', ['roadmap']],
      'tasks/player-trading-marketplace.md': ['task-document', ['roadmap']],
      'project-roadmap.md': ['task-list', ['roadmap']],
      'milestones.md': ['template', ctx],
      'backlog.md': ['template', ctx],
      'tasks/example-feature.md': ['template', ctx],
    },
    notTasks: ['README.md', 'milestone-guide.md', 'roadmap-management-guide.md', 'feature-prioritization-guide.md', 'tasks/README.md'],
  },
  // Kiro (#25): 22 spec folders (incl. _archived/) each with tasks.md → kiro-tasks; requirements.md, design.md, READMEs
  // and the odd notes (IMPROVEMENTS, REMAINING_ISSUES, traceDb) are context.
  RockyBoyRC__SpaceWeirdos: {
    bank: '.kiro/specs',
    conventions: ['kiro'],
    counts: { 'task-list': 22, 'context-document': 54 },
    files: {
      '1-ui-design-system/tasks.md': ['task-list', ['kiro-tasks']],
      '_archived/space-weirdos-warband/tasks.md': ['task-list', ['kiro-tasks']],
      '1-ui-design-system/requirements.md': ['context-document', ctx],
    },
    notTasks: [
      '1-ui-design-system/design.md',
      'WORKING-WITH-SPECS.md',
      '_archived/test-suite-remediation/REMAINING_ISSUES.md',
      'space-weirdos-data-persistence/traceDb.md',
    ],
  },
  // The client's bank (#1, 293 files). Real tasks: tasks/active_sprint.md (ID/Task/Owner/Priority/Status, every row a
  // task), progress/milestones.md (Deliverable/Status tables and a run of completed phase headings),
  // progress/planning.md (#/Task/Status tables),
  // progress/issues-backlog.md (issues with **Status** fields), progress.md (epochs with **Status** + the RCF table),
  // SONNET_IMPL_INTEGRATION_CHECKLIST.md (the document *is* an id-keyed task table: Task ID/…/Priority/Status,
  // 151 rows), infrastructure/QDRANT-STATE-AUDIT.md (frontmatter status: completed + priority: P0-CRITICAL + job_id).
  // Everything else is context: handovers, strategies, research, protocols, chronicles, _archive, Cline core files —
  // their 1,700 checkboxes and status tables are incidental. progress/metrics-status.md and progress/history/ report
  // system status, not tasks. 3 templates by name (HANDOFF-PACKAGE-TEMPLATE, RESEARCH-TEMPLATE, TEST-TEMPLATES).
  // strategies/PROJECT-QUEUE.yaml ("single source of truth for all active tasks, ready for Vikunja import") is a task list
  // kept as YAML: 20 items in four tiers, two with subtasks; its `risks:` list is left out. 15 ignored: 10 JSON files
  // that are neither Taskmaster's nor task lists, 3 YAML, 1 JSONL, and the one 0-byte WAVE-5-MANUAL.md.
  'Xoe-NovAi__xoe-novai-foundation': {
    bank: 'memory_bank',
    conventions: ['cline', 'frontmatter'],
    counts: { 'task-document': 1, 'task-list': 3, 'task-table': 4, 'context-document': 267, template: 3, ignored: 15 },
    files: {
      'tasks/active_sprint.md': ['task-table', ['task-table']],
      'progress/milestones.md': ['task-table', ['task-table', 'checklist']],
      'progress/planning.md': ['task-table', ['task-table', 'checklist']],
      'progress/issues-backlog.md': ['task-list', ['cursor-tasks']],
      'progress.md': ['task-list', ['cursor-tasks']],
      'SONNET_IMPL_INTEGRATION_CHECKLIST.md': ['task-table', ['task-table']],
      'infrastructure/QDRANT-STATE-AUDIT.md': ['task-document', ['frontmatter-task']],
      'progress/metrics-status.md': ['context-document', ctx],
      'handovers/split-test/outputs/raptor-mini-preview-wave5-manual/WAVE-5-MANUAL.md': ['ignored', ctx],
      'strategies/PROJECT-QUEUE.yaml': ['task-list', ['data-list']],
      'BLOCKS.yaml': ['ignored', ctx],
      'OIKONOMIA_HISTORY.jsonl': ['ignored', ctx],
      'protocols/HANDOFF-PACKAGE-TEMPLATE.md': ['template', ctx],
    },
    notTasks: [
      'projectbrief.md',
      'productContext.md',
      'systemPatterns.md',
      'techContext.md',
      'activeContext.md',
      'teamProtocols.md',
      'handovers/OPUS-INTEGRATION-CHECKLIST.md',
      'handovers/PHASE-1-BLUEPRINT.md',
      'strategies/ACTIVE-TASK-DISPATCH-2026-02-23.md',
      'strategies/WAVE-4-P2-CODE-COMPLETION-PIPELINE-DESIGN.md',
      'strategies/IMPLEMENTATION-PLAYBOOK-v1.0.md',
      'research/OPUS-4.6-RESEARCH-UPDATES-2026-02-25.md',
      'protocols/MEMORY_BANK_EVOLUTION_PLAN.md',
      'chronicles/SESS-18-FINAL_GNOSIS_SEAL.md',
      'MEMORY_BANK_IMPROVEMENTS.md',
      'INDEX.md',
      'progress/history/2026-02-achievements.md',
      '_archive/2026-02-14_consolidated-files/projectbrief.md',
      '_archive/2026-02-14_memory-bank-consolidation/ARCHIVE-comprehensive-status-report-20260213.md',
      'activeContext/sprint-7-handover-2026-02-18.md',
      'specification_permissions-4layer-model_v1.0_20260315_active.md',
    ],
  },
  // tasks-folder (#14): _index.md + TASK002/004–009 (TASK002's header is garbled, Added at line 14); progress.md
  // describes one task with a Key Deliverables checklist; trace_negotiation_test_coverage.md (applyTo frontmatter) is context.
  dtg01100__pure3270: {
    bank: 'memory-bank',
    conventions: ['tasks-folder', 'cline'],
    counts: { 'task-document': 7, 'task-list': 1, index: 1, 'context-document': 6 },
    files: {
      'tasks/TASK002-add-screen-parity-regression-scaffold.md': ['task-document', ['tasks-folder-task']],
      'progress.md': ['task-list', ['checklist']],
      'tasks/_index.md': ['index', ['tasks-folder-index']],
    },
    notTasks: ['trace_negotiation_test_coverage.md', 'projectbrief.md'],
  },
  // tasks-folder (#18, es): TASK013–017 + _index.md; the factory-pattern-* and resource-validation-pattern files are
  // pattern docs; no progress.md.
  'efargas__S7-Tools': {
    bank: 'memory-bank',
    conventions: ['tasks-folder'],
    counts: { 'task-document': 5, index: 1, 'context-document': 9 },
    files: { 'tasks/TASK013-implement-command-pattern.md': ['task-document', ['tasks-folder-task']] },
    notTasks: ['factory-pattern.md', 'factory-pattern-ejemplo.md', 'resource-validation-pattern.md', 'activeContext.md'],
  },
  // Cline + frontmatter (#7): every file is a node with type/status. milestone/feature/subsystem/concern nodes with a
  // task-progress status are task documents; progress.md is a kanban (Backlog/In Progress/Done); projectbrief
  // (type: project) and systemPatterns (type: guidelines) are context.
  toptracerpeter__clinewiz: {
    bank: 'memory-bank',
    conventions: ['cline', 'frontmatter'],
    counts: { 'task-document': 8, 'task-list': 1, 'context-document': 2 },
    files: {
      'implementation-plan.md': ['task-document', ['frontmatter-task']],
      'subsystems/graph-view.md': ['task-document', ['frontmatter-task']],
      'progress.md': ['task-list', ['section-list']],
    },
    notTasks: ['projectbrief.md', 'systemPatterns.md'],
  },
  // underscore bank (#3): tasks.md (nested checklists + trailing metadata bullets) and a checklist progress.md;
  // constants_template.md is a code template; index.md links documents; refactoring_plan/code_examples are context.
  tyrchen__todo: {
    bank: 'memory_bank',
    conventions: ['cursor', 'cline'],
    counts: { 'task-list': 2, 'context-document': 8, template: 1 },
    files: {
      'tasks.md': ['task-list', ['cursor-tasks']],
      'progress.md': ['task-list', ['checklist']],
      'constants_template.md': ['template', ctx],
      'index.md': ['context-document', ctx],
    },
    notTasks: ['refactoring_plan.md', 'code_examples.md', 'activeContext.md'],
  },
};

/** Every entry under a folder, as discovery must account for it (links and skipped folders once each). */
function listEntries(dir: string, prefix: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const abs = join(dir, name);
    const rel = prefix === '.' ? name : `${prefix}/${name}`;
    if (lstatSync(abs).isDirectory() && !['node_modules', '.git'].includes(name)) out.push(...listEntries(abs, rel));
    else out.push(rel);
  }
  return out;
}

function countKinds(result: DiscoverResult): KindCounts {
  const counts: KindCounts = {};
  for (const file of result.files) counts[file.kind] = (counts[file.kind] ?? 0) + 1;
  return counts;
}

describe.skipIf(!hasCorpus)('discover on the shared corpus (fifteen real banks)', () => {
  it('has an expectation for every bank in the corpus', () => {
    expect(readdirSync(corpusDir).sort()).toEqual(Object.keys(expectations).sort());
  });

  for (const [repo, expected] of Object.entries(expectations)) {
    describe(repo, () => {
      let result: DiscoverResult;
      const repoDir = join(corpusDir, repo);

      beforeAll(async () => {
        result = await discoverBanks(repoDir, { files: createNodeFileSystem(), config: createDefaultConfig().discover });
      });

      it('finds the one bank, with its conventions', () => {
        expect(result.banks.map((b) => [b.path, b.conventions])).toEqual([[expected.bank, expected.conventions]]);
      });

      it('accounts for every file under the bank exactly once, sorted', () => {
        const listed = listEntries(join(repoDir, expected.bank), expected.bank).sort();
        expect(result.files.map((f) => f.path)).toEqual(listed);
      });

      it('classifies with the expected counts per kind', () => {
        expect(countKinds(result)).toEqual(expected.counts);
      });

      it('classifies the files read by hand as expected, each with a reason', () => {
        for (const [path, [kind, extractors]] of Object.entries(expected.files)) {
          const file = result.files.find((f) => f.path === `${expected.bank}/${path}`);
          expect(file, path).toBeDefined();
          expect([path, file?.kind, file?.extractors]).toEqual([path, kind, extractors]);
        }
        for (const file of result.files) expect(file.reason.length, file.path).toBeGreaterThan(10);
      });

      it('does not make context documents into task sources', () => {
        for (const path of expected.notTasks) {
          const file = result.files.find((f) => f.path === `${expected.bank}/${path}`);
          expect(file, path).toBeDefined();
          expect([path, file?.extractors]).toEqual([path, []]);
          expect(['task-document', 'task-list', 'task-table', 'index']).not.toContain(file?.kind);
        }
      });

      it('gives task sources extractors and everything else none', () => {
        for (const file of result.files) {
          const holdsTasks = ['task-document', 'task-list', 'task-table', 'index'].includes(file.kind);
          expect([file.path, file.extractors.length > 0]).toEqual([file.path, holdsTasks]);
        }
      });

      it('keeps the text of every Markdown file it read and no text for ignored files', () => {
        for (const file of result.files) {
          if (file.kind === 'ignored') expect(file.text, file.path).toBeNull();
          else expect(typeof file.text, file.path).toBe('string');
        }
      });
    });
  }

  it('reports the one 0-byte file in the client bank and nothing else in the corpus', async () => {
    const problems: string[] = [];
    for (const repo of Object.keys(expectations)) {
      const result = await discoverBanks(join(corpusDir, repo), { files: createNodeFileSystem(), config: createDefaultConfig().discover });
      problems.push(...result.problems.map((p) => `${repo}: ${p.severity} ${p.code} ${p.file}`));
    }
    expect(problems).toEqual([
      'Xoe-NovAi__xoe-novai-foundation: warning empty-file memory_bank/handovers/split-test/outputs/raptor-mini-preview-wave5-manual/WAVE-5-MANUAL.md',
    ]);
  });
});
