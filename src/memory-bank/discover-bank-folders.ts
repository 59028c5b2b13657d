/**
 * The folders that are memory banks by name: a memory bank's own folder and the task folders of the tools agents keep
 * their work in (Kiro, Taskmaster, Backlog.md, Task Magic, Conductor, Agent OS, Cursor's plans, Beads, BMAD, CCPM,
 * Simone, Spec Workflow, Spec Kit, OpenSpec). One table serves both questions discovery asks: is the folder given
 * itself a bank, and which folders inside it are.
 */
import { posix } from 'node:path';
import type { BankFlavor } from './classify.js';
import type { WalkEntry } from './discover-walk.js';

/** Folder names that are memory banks wherever they sit (compared case-insensitively). */
export const bankFolderNames: readonly string[] = ['memory_bank', 'memory-bank', '.memory-bank', 'memory_banks', 'memory-banks'];

/** A folder as the table reads it. */
export interface FolderAt {
  /** Relative to the scanned root, `/`-separated; `.` for the root itself. */
  path: string;
  /** Its name as written. */
  written: string;
  /** Its name and its parent's, lower case (the parent of the root is the folder above it). */
  name: string;
  parent: string;
  /** The names of the folders inside it. */
  children: readonly string[];
  /** Whether a file of that name (lower case) sits at its top level. */
  holds(file: string): boolean;
  /** The names of the folders beside it (none for the root: the folder above it is not read). */
  siblings: readonly string[];
  /** The names of the folders inside its parent's parent (none for the root). */
  uncles: readonly string[];
  /** True for the scanned root. */
  atRoot: boolean;
}

/** One kind of bank folder: how it is recognised, its flavour, and why it is a bank (as `discover` says). */
interface BankFolderKind {
  flavor: BankFlavor;
  is(folder: FolderAt): boolean;
  /** The reason when the scanned root is such a folder. */
  rootReason(folder: FolderAt): string;
  /** The reason when it is found inside the root. */
  reason(folder: FolderAt): string;
}

const bankFolderKinds: readonly BankFolderKind[] = [
  {
    flavor: 'memory-bank',
    is: (f) => bankFolderNames.includes(f.name),
    rootReason: (f) => `the root is a folder named ${f.written}`,
    reason: (f) => `folder named ${f.written}`,
  },
  {
    flavor: 'kiro',
    is: (f) => f.name === 'specs' && f.parent === '.kiro',
    rootReason: () => 'the root is .kiro/specs',
    reason: () => 'Kiro spec folder .kiro/specs',
  },
  {
    flavor: 'taskmaster',
    is: (f) => f.name === '.taskmaster',
    rootReason: () => 'the root is a .taskmaster folder',
    reason: () => 'Taskmaster folder .taskmaster',
  },
  {
    flavor: 'roadmap',
    is: (f) => f.name === 'roadmap' && f.children.some((c) => c === 'tasks' || c === 'milestones'),
    rootReason: () => 'the root is a roadmap folder with tasks/ or milestones/',
    reason: () => 'roadmap folder with tasks/ or milestones/',
  },
  {
    flavor: 'memory-bank',
    is: (f) => f.name === 'backlog' && f.children.includes('tasks'),
    rootReason: () => 'the root is a backlog folder with tasks/ (Backlog.md)',
    reason: () => 'backlog folder with tasks/ (Backlog.md)',
  },
  {
    // Task Magic: its index `.ai/TASKS.md`, task files `.ai/tasks/task3_*.md`.
    flavor: 'memory-bank',
    is: (f) => f.name === '.ai' && (f.children.includes('tasks') || f.holds('tasks.md')),
    rootReason: () => 'the root is a Task Magic folder .ai (TASKS.md or tasks/)',
    reason: () => 'Task Magic folder .ai (TASKS.md or tasks/)',
  },
  {
    // Gemini CLI's Conductor: its track list `tracks.md` or a `tracks/` folder.
    flavor: 'conductor',
    is: (f) => f.name === 'conductor' && (f.children.includes('tracks') || f.holds('tracks.md')),
    rootReason: () => 'the root is a Conductor folder (tracks.md or tracks/)',
    reason: () => 'Conductor folder conductor/ (tracks.md or tracks/)',
  },
  {
    // Cursor's Plan Mode saves its plans there: `<name>_<hash>.plan.md`.
    flavor: 'memory-bank',
    is: (f) => f.name === 'plans' && f.parent === '.cursor',
    rootReason: () => "the root is Cursor's plans folder .cursor/plans",
    reason: () => "Cursor's plans folder .cursor/plans",
  },
  {
    // Beads keeps a repository's issues in `.beads/issues.jsonl`, one JSON object per line.
    flavor: 'memory-bank',
    is: (f) => f.name === '.beads' && f.holds('issues.jsonl'),
    rootReason: () => "the root is Beads' issue folder .beads (issues.jsonl)",
    reason: () => "Beads' issue folder .beads (issues.jsonl)",
  },
  {
    // Agent OS keeps its product docs and specs in `.agent-os/` (and `agent-os/` from its version 2).
    flavor: 'agent-os',
    is: (f) => (f.name === '.agent-os' || f.name === 'agent-os') && f.children.some((c) => c === 'specs' || c === 'product'),
    rootReason: () => 'the root is an Agent OS folder (specs/ or product/)',
    reason: (f) => `Agent OS folder ${f.written} (specs/ or product/)`,
  },
  {
    // BMAD's sprint folder (v6's `_bmad-output/implementation-artifacts/`, earlier `docs/sprint-artifacts/`), holding
    // the sprint's status map `sprint-status.yaml` beside its story files.
    flavor: 'stories',
    is: (f) => (f.name === 'implementation-artifacts' || f.name === 'sprint-artifacts') && f.holds('sprint-status.yaml'),
    rootReason: (f) => `the root is BMAD's sprint folder ${f.written} (sprint-status.yaml)`,
    reason: (f) => `BMAD's sprint folder ${posix.join(f.parent, f.name)} (sprint-status.yaml)`,
  },
  {
    // BMAD's story files; inside a repository only beside `.bmad-core/` (a `stories/` folder elsewhere, such as
    // Storybook's, is not a bank).
    flavor: 'stories',
    is: (f) => f.name === 'stories' && f.parent === 'docs' && (f.atRoot || f.uncles.includes('.bmad-core')),
    rootReason: () => 'the root is a story folder docs/stories (BMAD)',
    reason: () => "BMAD's story folder docs/stories (beside .bmad-core)",
  },
  {
    // CCPM (Claude Code PM): `.claude/epics/<epic>/epic.md` over the epic's task files `001.md`, `1235.md`.
    flavor: 'ccpm',
    is: (f) => f.name === 'epics' && f.parent === '.claude',
    rootReason: () => "the root is CCPM's epic folder .claude/epics",
    reason: () => "CCPM's epic folder .claude/epics",
  },
  {
    // Simone: `.simone/03_SPRINTS/<sprint>/T01_S01_*.md` and `.simone/04_GENERAL_TASKS/T001_*.md`, with frontmatter.
    flavor: 'memory-bank',
    is: (f) => f.name === '.simone' && (f.children.some((c) => /^0[234]_/u.test(c)) || f.holds('00_project_manifest.md')),
    rootReason: () => 'the root is a Simone folder .simone (sprints, general tasks or its manifest)',
    reason: () => 'Simone folder .simone (sprints, general tasks or its manifest)',
  },
  {
    // Spec Workflow (an MCP server): `.spec-workflow/specs/<spec>/tasks.md`, read as Kiro's specs are.
    flavor: 'kiro',
    is: (f) => f.name === 'specs' && f.parent === '.spec-workflow',
    rootReason: () => 'the root is a Spec Workflow folder .spec-workflow/specs',
    reason: () => 'Spec Workflow folder .spec-workflow/specs',
  },
  {
    // Spec Kit: `specs/001-feature/tasks.md` beside its own folder `.specify/`.
    flavor: 'memory-bank',
    is: (f) => f.name === 'specs' && f.siblings.includes('.specify'),
    rootReason: () => "the root is Spec Kit's specs folder (beside .specify)",
    reason: () => "Spec Kit's specs folder (beside .specify)",
  },
  {
    // OpenSpec: `openspec/changes/<change>/tasks.md` (archived changes under `changes/archive/`).
    flavor: 'openspec',
    is: (f) => f.name === 'openspec' && f.children.includes('changes'),
    rootReason: () => 'the root is an OpenSpec folder openspec (changes/)',
    reason: () => 'OpenSpec folder openspec (changes/)',
  },
];

/** The bank folder kind a folder is, or null. */
export function findBankFolderKind(folder: FolderAt): BankFolderKind | null {
  return bankFolderKinds.find((kind) => kind.is(folder)) ?? null;
}

/** A folder of the walk as the table reads it. */
export function readFolderAt(
  path: string,
  segments: readonly string[],
  entries: readonly WalkEntry[],
  childDirs: ReadonlyMap<string, string[]>,
): FolderAt {
  const atRoot = path === '.';
  const written = segments.at(-1) ?? '';
  const parentPath = atRoot ? null : posix.dirname(path);
  return {
    path,
    written,
    name: written.toLowerCase(),
    parent: (segments.at(-2) ?? '').toLowerCase(),
    children: childDirs.get(path) ?? [],
    holds(file) {
      const wanted = atRoot ? file : `${path.toLowerCase()}/${file}`;
      return entries.some((entry) => (entry.type === 'file' || entry.type === 'file-link') && entry.path.toLowerCase() === wanted);
    },
    siblings: parentPath === null ? [] : (childDirs.get(parentPath) ?? []),
    uncles: parentPath === null ? [] : (childDirs.get(posix.dirname(parentPath)) ?? []),
    atRoot,
  };
}
