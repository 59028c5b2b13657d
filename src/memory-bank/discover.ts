/**
 * Discovery: given a repository or a memory-bank folder, finds the bank(s), accounts for every file under them,
 * decodes the text files safely and classifies each one (see classify.ts). Never throws on bad input files: they
 * become `ignored` entries with a problem. Throws ConfigError only when the root itself is missing.
 */
import { posix, resolve, sep } from 'node:path';
import type { MembankConfig } from '../core/config.js';
import { ConfigError } from '../core/errors.js';
import { silentLogger, type FileSystemReader, type Logger } from '../core/ports.js';
import {
  Convention,
  ExtractorName,
  FileKind,
  type ConventionValue,
  type DiscoveredBank,
  type DiscoveredFile,
  type DiscoverResult,
} from '../core/source-file.js';
import type { InputProblem } from '../core/task-record.js';
import {
  classifyData,
  classifyJson,
  classifyMarkdown,
  classifyOther,
  isMarkdownText,
  isReadAsMarkdown,
  isMarkdownName,
  type BankFlavor,
  type Classification,
} from './classify.js';
import { dataFormatNames, readDataFormat } from './data-file.js';
import { decodeFileBytes, type UndecodableBytes } from './decode.js';
import { findBankFolderKind, readFolderAt } from './discover-bank-folders.js';
import { findMatchingGlob } from './discover-glob.js';
import { compareNames, isInside, toRelativePath, walkTree, type WalkEntry } from './discover-walk.js';

/** Dependencies of `discoverBanks`. */
export interface DiscoverDeps {
  files: FileSystemReader;
  config: MembankConfig['discover'];
  log?: Logger;
  signal?: AbortSignal;
}

export { bankFolderNames } from './discover-bank-folders.js';

/** Files whose presence at a folder's top level makes it look like a bank (Cline/Roo/cursor core files). */
export const bankCoreFiles: readonly string[] = [
  'progress.md',
  'activecontext.md',
  'projectbrief.md',
  'productcontext.md',
  'systempatterns.md',
  'techcontext.md',
  'decisionlog.md',
  'tasks.md',
];

const clineCoreKeys: readonly string[] = ['projectbrief', 'productcontext', 'activecontext', 'systempatterns', 'techcontext', 'progress'];

/** A bank found, with its flavour (decides path rules in classification). */
interface FoundBank {
  path: string;
  flavor: BankFlavor;
  reason: string;
  /** Taken as the fallback for its YAML or JSON files alone: no bank unless one of them is a task list. */
  dataOnly?: boolean;
}

/**
 * Finds the memory bank(s) under `root` and classifies every file in them. Paths in the result are relative to
 * `root`, with POSIX separators, sorted by path.
 */
export async function discoverBanks(root: string, deps: DiscoverDeps): Promise<DiscoverResult> {
  const log = deps.log ?? silentLogger;
  const rootAbs = resolve(root);
  const rootReal = await resolveRoot(deps.files, root, rootAbs);
  const problems: InputProblem[] = [];

  const walk = await walkTree({ files: deps.files, rootReal, ignore: deps.config.ignore, signal: deps.signal });
  const banks = findBanks(rootReal, walk.entries, walk.childDirs, deps.config.bankGlobs);
  for (const bank of banks) log.debug({ event: 'discover.bank', path: bank.path, reason: bank.reason }, 'memory bank found');
  for (const entry of walk.entries) {
    if (entry.type === 'skipped' && entry.problem !== null) problems.push(entry.problem);
  }
  if (banks.length === 0) problems.push(noBankFound(rootAbs, 'no Markdown files'));

  const files: DiscoveredFile[] = [];
  const bankPaths = banks.map((b) => b.path);
  const fileTargets = new Set<string>();
  for (const entry of walk.entries) {
    if ((entry.type === 'file' || entry.type === 'file-link') && findBankPath(bankPaths, entry.path) !== null) {
      fileTargets.add(entry.path);
    }
  }
  const picked: { entry: WalkEntry; bank: FoundBank }[] = [];
  for (const entry of walk.entries) {
    if (entry.type === 'dir') continue;
    const bank = findInnermostBank(banks, entry.path);
    if (bank === null || entry.path === bank.path) continue;
    picked.push({ entry, bank });
  }
  const planned = picked.filter(({ entry }) => readsBytes(entry, fileTargets, deps.config.maxFileBytes)).map(({ entry }) => entry.abs);
  // A reader that reads ahead on its own (the disk adapter: on another thread) is asked for the whole list.
  const ahead = deps.files.readAhead?.(planned);
  const read = ahead === undefined ? createReadAhead(deps.files, planned) : (abs: string) => ahead.read(abs);
  try {
    for (const { entry, bank } of picked) {
      if (deps.signal?.aborted === true) break;
      const file = await discoverEntry(entry, bank, deps, fileTargets, problems, read);
      files.push(file);
    }
  } finally {
    ahead?.close();
  }
  if (banks.some((bank) => bank.dataOnly === true) && !files.some((file) => taskSourceKinds.has(file.kind))) {
    problems.push(noBankFound(rootAbs, 'no Markdown files, and none of its YAML or JSON files holds a task list (`membank discover --explain` says why for each)'));
  }
  files.sort((a, b) => compareNames(a.path, b.path));
  problems.sort(
    (a, b) => compareNames(a.file, b.file) || (a.line ?? 0) - (b.line ?? 0) || compareNames(a.code, b.code),
  );

  const discoveredBanks: DiscoveredBank[] = banks
    .map((bank) => ({
      path: bank.path,
      conventions: detectConventions(bank, files.filter((f) => f.bank === bank.path)),
      reason: bank.reason,
    }))
    .sort((a, b) => compareNames(a.path, b.path));

  log.info(
    { event: 'discover.finished', root: rootAbs, banks: discoveredBanks.length, files: files.length, problems: problems.length },
    'discovery finished',
  );
  return { root: rootAbs, banks: discoveredBanks, files, problems };
}

/** The kinds of file tasks are read from. */
const taskSourceKinds: ReadonlySet<string> = new Set([FileKind.taskDocument, FileKind.taskList, FileKind.taskTable, FileKind.index]);

/** The warning for a folder in which no bank was found, `what` saying what it holds instead. */
function noBankFound(rootAbs: string, what: string): InputProblem {
  return {
    severity: 'warning',
    code: 'no-bank-found',
    file: '.',
    line: null,
    message: `no memory bank found: no memory_bank/, memory-bank/, .kiro/specs/, .taskmaster/, roadmap/, backlog/, .ai/, conductor/, .agent-os/, .cursor/plans/, .beads/, BMAD docs/stories/, .claude/epics/, .simone/, .spec-workflow/specs/, Spec Kit specs/ or openspec/ folder and ${what}`,
    received: rootAbs,
    fix: 'point membank at the folder that keeps the tasks, or list its folder in discover.bankGlobs',
  };
}

async function resolveRoot(files: FileSystemReader, given: string, rootAbs: string): Promise<string> {
  let stat;
  try {
    stat = await files.stat(rootAbs);
  } catch (error) {
    throw new ConfigError(
      `cannot discover memory banks in ${JSON.stringify(given)}: the folder does not exist or cannot be read (${rootAbs}) — fix: pass a repository or memory-bank folder, e.g. \`membank discover ./memory-bank\``,
      { cause: error, details: { root: rootAbs } },
    );
  }
  if (!stat.isDirectory) {
    throw new ConfigError(
      `cannot discover memory banks in ${JSON.stringify(given)}: it is a file, not a folder — fix: pass the folder that holds it, e.g. \`membank discover ${posix.dirname(given.split(sep).join('/')) || '.'}\``,
      { details: { root: rootAbs } },
    );
  }
  return files.realPath(rootAbs);
}

function getBaseName(path: string): string {
  return path.split(sep).filter((p) => p !== '').at(-1) ?? path;
}

function detectFlavor(segments: readonly string[]): BankFlavor {
  const name = (segments.at(-1) ?? '').toLowerCase();
  const parent = (segments.at(-2) ?? '').toLowerCase();
  if (name === 'specs' && parent === '.kiro') return 'kiro';
  if (name === '.kiro') return 'kiro';
  if (name === '.taskmaster') return 'taskmaster';
  if (name === 'roadmap') return 'roadmap';
  if (name === 'conductor') return 'conductor';
  return 'memory-bank';
}

/** Decides the banks: the root itself when it is one by name, else bank folders inside, else the root as fallback. */
function findBanks(
  rootReal: string,
  entries: readonly WalkEntry[],
  childDirs: ReadonlyMap<string, string[]>,
  bankGlobs: readonly string[],
): FoundBank[] {
  const rootSegments = rootReal.split(sep).filter((p) => p !== '');
  const rootChildren = childDirs.get('.') ?? [];
  const root = readFolderAt('.', rootSegments, entries, childDirs);
  const rootKind = findBankFolderKind(root);
  if (rootKind !== null) return [{ path: '.', flavor: rootKind.flavor, reason: rootKind.rootReason(root) }];

  const found: FoundBank[] = [];
  for (const entry of entries) {
    if (entry.type !== 'dir') continue;
    if (found.some((b) => isInside(b.path, entry.path))) continue;
    const segments = [rootSegments.at(-1) ?? '', ...entry.path.split('/')];
    const glob = findMatchingGlob(entry.path, bankGlobs);
    if (glob !== null) {
      found.push({ path: entry.path, flavor: detectFlavor(segments), reason: `matches discover.bankGlobs "${glob}"` });
      continue;
    }
    const folder = readFolderAt(entry.path, segments, entries, childDirs);
    const kind = findBankFolderKind(folder);
    if (kind !== null) found.push({ path: entry.path, flavor: kind.flavor, reason: kind.reason(folder) });
  }
  // A root that is a bank by its own files (core files, a tasks/ folder) is read beside the bank folders it holds
  // (`.kiro/specs/`, `.taskmaster/`): each file belongs to the innermost bank holding it.
  const rootBank = readRootBank(entries, rootChildren);
  if (found.length > 0) return rootBank === null ? found : [rootBank, ...found];
  if (rootBank !== null) return [rootBank];
  const hasMarkdown = entries.some((e) => (e.type === 'file' || e.type === 'file-link') && isMarkdownName(e.path));
  if (hasMarkdown) {
    return [{ path: '.', flavor: 'memory-bank', reason: `no bank folder found under ${getBaseName(rootReal)}; the root holds Markdown, so it is read as the bank` }];
  }
  // Tasks kept only as data (an agent's task manager writing `tasks.json`): the root is read, and if none of its data
  // files holds a task list, `discoverBanks` still says that no bank was found.
  const hasData = entries.some((e) => (e.type === 'file' || e.type === 'file-link') && readDataFormat(e.path) !== null);
  if (hasData) {
    return [{ path: '.', flavor: 'memory-bank', reason: `no bank folder found under ${getBaseName(rootReal)}; the root holds no Markdown but YAML or JSON files, which may keep a task list, so it is read as the bank`, dataOnly: true }];
  }
  return [];
}

/** The root as a bank by its own files: core files (`projectbrief.md`, `progress.md`) or a tasks/ folder at its top level. */
function readRootBank(entries: readonly WalkEntry[], rootChildren: readonly string[]): FoundBank | null {
  const topFiles = entries
    .filter((e) => (e.type === 'file' || e.type === 'file-link') && !e.path.includes('/'))
    .map((e) => e.path.toLowerCase());
  const core = topFiles.filter((f) => bankCoreFiles.includes(f));
  if (core.length === 0 && !rootChildren.includes('tasks')) return null;
  const what = core.length > 0 ? `core files ${core.slice(0, 4).join(', ')}` : 'a tasks/ folder';
  return { path: '.', flavor: 'memory-bank', reason: `the root looks like a bank: ${what} at its top level` };
}

function findBankPath(bankPaths: readonly string[], path: string): string | null {
  let best: string | null = null;
  for (const bank of bankPaths) {
    if (isInside(bank, path) && (best === null || bank.length > best.length || best === '.')) best = bank;
  }
  return best;
}

function findInnermostBank(banks: readonly FoundBank[], path: string): FoundBank | null {
  const path0 = findBankPath(
    banks.map((b) => b.path),
    path,
  );
  return banks.find((b) => b.path === path0) ?? null;
}

function makeFile(entry: WalkEntry, bank: FoundBank, classification: Classification, size: number): DiscoveredFile {
  return {
    path: entry.path,
    bank: bank.path,
    kind: classification.kind,
    reason: classification.reason,
    size,
    text: null,
    eol: 'none',
    extractors: classification.extractors,
  };
}

function makeIgnored(reason: string): Classification {
  return { kind: FileKind.ignored, reason, extractors: [] };
}

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${n} B`;
}

/** How many file reads discovery keeps in flight ahead of the file it is classifying. */
const readAheadWindow = 16;

type ReadOutcome = { ok: true; bytes: Uint8Array } | { ok: false; error: unknown };

/**
 * Reads the files discovery will decode (`planned`, in walk order) a few files ahead, so the disk works while the
 * previous file is classified: one read at a time left the core idle. Files are still classified one by one, in
 * walk order; a read's error is kept and thrown where that file is read, exactly as a direct read throws it.
 */
function createReadAhead(reader: FileSystemReader, planned: readonly string[]): (abs: string) => Promise<Uint8Array> {
  const order = new Map<string, number>();
  planned.forEach((abs, index) => {
    if (!order.has(abs)) order.set(abs, index);
  });
  const pending = new Map<string, Promise<ReadOutcome>>();
  let started = 0;
  return async (abs) => {
    const index = order.get(abs);
    if (index === undefined) return reader.readFile(abs);
    started = Math.max(started, index);
    while (started < planned.length && started <= index + readAheadWindow) {
      const next = planned[started] as string;
      started += 1;
      if (pending.has(next)) continue;
      pending.set(
        next,
        reader.readFile(next).then(
          (bytes): ReadOutcome => ({ ok: true, bytes }),
          (error: unknown): ReadOutcome => ({ ok: false, error }),
        ),
      );
    }
    const ahead = pending.get(abs);
    pending.delete(abs);
    order.delete(abs);
    if (ahead === undefined) return reader.readFile(abs);
    const outcome = await ahead;
    if (!outcome.ok) throw outcome.error;
    return outcome.bytes;
  };
}

/** Whether `discoverEntry` reads this entry's bytes (readable name, not empty, not over the limit, not a duplicate link). */
function readsBytes(entry: WalkEntry, fileTargets: ReadonlySet<string>, maxFileBytes: number): boolean {
  if (entry.type !== 'file' && entry.type !== 'file-link') return false;
  if (entry.type === 'file-link' && fileTargets.has(entry.target)) return false;
  const name = posix.basename(entry.path);
  return (isReadAsMarkdown(name) || readDataFormat(name) !== null) && entry.size > 0 && entry.size <= maxFileBytes;
}

/** How a readable file's format is named in messages. */
const formatNames = { markdown: 'Markdown', ...dataFormatNames } as const;

async function discoverEntry(
  entry: WalkEntry,
  bank: FoundBank,
  deps: DiscoverDeps,
  fileTargets: ReadonlySet<string>,
  problems: InputProblem[],
  read: (abs: string) => Promise<Uint8Array>,
): Promise<DiscoveredFile> {
  if (entry.type === 'skipped') return makeFile(entry, bank, makeIgnored(entry.reason), 0);
  if (entry.type === 'dir') return makeFile(entry, bank, makeIgnored('folder'), 0);
  const pathInBank = toRelativePath(bank.path, entry.path);
  if (entry.type === 'file-link' && fileTargets.has(entry.target)) {
    return makeFile(entry, bank, makeIgnored(`symbolic link to ${entry.target}, which is read at its own path`), entry.size);
  }
  const name = posix.basename(entry.path);
  const format = isReadAsMarkdown(name) ? 'markdown' : readDataFormat(name);
  if (format === null) return makeFile(entry, bank, classifyOther(pathInBank), entry.size);

  if (entry.size === 0) {
    problems.push({
      severity: 'warning',
      code: 'empty-file',
      file: entry.path,
      line: null,
      message: 'file is empty (0 bytes): nothing to import from it',
      received: null,
      fix: 'delete the file, or write its content; add it to discover.ignore to silence this warning',
    });
    return makeFile(entry, bank, makeIgnored('empty file (0 bytes)'), 0);
  }
  const max = deps.config.maxFileBytes;
  if (entry.size > max) {
    problems.push({
      severity: 'error',
      code: 'file-too-large',
      file: entry.path,
      line: null,
      message: `file is ${formatBytes(entry.size)}, over the ${formatBytes(max)} limit, so it was not read`,
      received: `${entry.size} bytes`,
      fix: `raise discover.maxFileBytes above ${entry.size}, split the file, or add it to discover.ignore`,
    });
    return makeFile(entry, bank, makeIgnored(`too large: ${formatBytes(entry.size)} > discover.maxFileBytes ${formatBytes(max)}`), entry.size);
  }

  let bytes: Uint8Array;
  try {
    bytes = await read(entry.abs);
  } catch (error) {
    const code = typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : String(error);
    problems.push({
      severity: 'error',
      code: 'unreadable',
      file: entry.path,
      line: null,
      message: 'file could not be read',
      received: code,
      fix: 'give the user running membank read permission on the file, or add it to discover.ignore',
    });
    return makeFile(entry, bank, makeIgnored(`unreadable (${code})`), entry.size);
  }
  if (bytes.length > max) {
    problems.push({
      severity: 'error',
      code: 'file-too-large',
      file: entry.path,
      line: null,
      message: `file grew to ${formatBytes(bytes.length)} while being read, over the ${formatBytes(max)} limit`,
      received: `${bytes.length} bytes`,
      fix: `raise discover.maxFileBytes above ${bytes.length}, or add the file to discover.ignore`,
    });
    return makeFile(entry, bank, makeIgnored(`too large: ${formatBytes(bytes.length)} > discover.maxFileBytes`), bytes.length);
  }
  const decoded = decodeFileBytes(bytes);
  if (!decoded.ok) {
    problems.push(describeUndecodable(entry.path, formatNames[format], decoded));
    const what = decoded.reason === 'binary' ? 'binary content' : decoded.reason === 'not-utf16' ? 'not UTF-16' : 'not UTF-8';
    return makeFile(entry, bank, makeIgnored(`${what} (${decoded.detail})`), bytes.length);
  }
  if (decoded.damaged !== null) {
    const lines = decoded.damaged.lines;
    problems.push({
      severity: 'warning',
      code: 'damaged-utf8',
      file: entry.path,
      line: lines[0] ?? null,
      message: `file is UTF-8 with damaged bytes (${decoded.damaged.detail}) on line${lines.length === 1 ? '' : 's'} ${lines.slice(0, 10).join(', ')}${lines.length > 10 ? ', …' : ''}; they were read as \uFFFD and the rest of the file as written`,
      received: decoded.damaged.detail,
      fix: `retype the damaged characters on line${lines.length === 1 ? '' : 's'} ${lines.slice(0, 10).join(', ')} (do not re-encode the file: it is already UTF-8, and iconv would garble its other characters)`,
    });
  }
  if (decoded.text.trim() === '') {
    problems.push({
      severity: 'warning',
      code: 'empty-file',
      file: entry.path,
      line: null,
      message: `file holds only whitespace (${bytes.length} bytes): nothing to import from it`,
      received: null,
      fix: 'delete the file, or write its content; add it to discover.ignore to silence this warning',
    });
    return { ...makeFile(entry, bank, makeIgnored(`blank file (${bytes.length} bytes of whitespace)`), bytes.length), eol: decoded.eol };
  }
  if (format === 'markdown' && !isMarkdownText(name, decoded.text)) return makeFile(entry, bank, classifyOther(pathInBank), bytes.length);
  const taskGlob = findMatchingGlob(entry.path, deps.config.taskGlobs ?? []);
  let classification: Classification;
  if (format === 'markdown') {
    classification = classifyMarkdown({ pathInBank, flavor: bank.flavor, text: decoded.text, taskGlob });
  } else if (format === 'json') {
    classification = classifyJson(pathInBank, decoded.text);
  } else {
    classification = classifyData(pathInBank, format, decoded.text);
  }
  const keepText = format === 'markdown' || classification.kind !== FileKind.ignored;
  return {
    ...makeFile(entry, bank, classification, bytes.length),
    text: keepText ? decoded.text : null,
    eol: decoded.eol,
  };
}

/** Convention hints for one bank, most specific first (FORMATS.md §5: a hint, never a contract). */
function detectConventions(bank: FoundBank, files: readonly DiscoveredFile[]): ConventionValue[] {
  // One pass over the bank's files (a bank may hold 10,000): the extractors chosen, and what their paths show.
  const extractors = new Set<string>();
  let cursorTasks = false;
  let cursorFolders = false;
  const coreKeys = new Set<string>();
  for (const f of files) {
    for (const extractor of f.extractors) extractors.add(extractor);
    const inBank = toRelativePath(bank.path, f.path);
    if (!cursorTasks && f.extractors.includes(ExtractorName.cursorTasks) && /(?:^|\/)tasks\.md$/i.test(inBank)) cursorTasks = true;
    if (!cursorFolders && /^(?:creative|reflection)\//.test(inBank)) cursorFolders = true;
    const key = posix.basename(inBank).replace(/\.md$/i, '').toLowerCase();
    if (clineCoreKeys.includes(key)) coreKeys.add(key);
  }
  const has = (extractor: string): boolean => extractors.has(extractor);
  const out: ConventionValue[] = [];
  if (bank.flavor === 'agent-os') out.push(Convention.agentOs);
  if (bank.flavor === 'kiro' || (has(ExtractorName.kiroTasks) && bank.flavor !== 'agent-os')) out.push(Convention.kiro);
  if (bank.flavor === 'taskmaster' || has(ExtractorName.taskmasterJson) || has(ExtractorName.taskmasterMarkdown)) out.push(Convention.taskmaster);
  if (bank.flavor === 'roadmap' || has(ExtractorName.roadmap)) out.push(Convention.roadmap);
  if (bank.flavor === 'conductor') out.push(Convention.conductor);
  if (has(ExtractorName.tasksFolderTask) || has(ExtractorName.tasksFolderIndex)) out.push(Convention.tasksFolder);
  const rooPreamble = files.some((f) => f.text !== null && f.text.includes(' - Log of updates made') && /^\S.* - Log of updates made/m.test(f.text));
  if (has(ExtractorName.rooProgress) || rooPreamble) out.push(Convention.roo);
  if (cursorTasks || cursorFolders || has(ExtractorName.cursorPlan)) out.push(Convention.cursor);
  if (coreKeys.size >= 3) out.push(Convention.cline);
  const markdown = files.filter((f) => f.text !== null && isMarkdownName(f.path));
  const withFrontmatter = markdown.filter((f) => f.text !== null && hasFrontmatter(f.text));
  if (has(ExtractorName.frontmatterTask) || (markdown.length > 0 && withFrontmatter.length * 4 >= markdown.length)) {
    out.push(Convention.frontmatter);
  }
  if (out.length === 0) out.push(Convention.generic);
  return out;
}

/** Says whether a text opens with a closed `---` frontmatter block (checked over its first 400 lines). */
function hasFrontmatter(text: string): boolean {
  if (!/^---\r?\n/.test(text)) return false;
  const lines = text.split('\n', 400);
  return lines.slice(1).some((line) => /^(?:---|\.\.\.)\s*$/.test(line));
}

/** The error for a file that is not text membank reads: binary, not UTF-8, or a UTF-16 mark over bytes that are not UTF-16. */
function describeUndecodable(path: string, what: string, decoded: UndecodableBytes): InputProblem {
  const base = { severity: 'error' as const, file: path, line: decoded.line, received: decoded.detail };
  if (decoded.reason === 'binary') {
    return {
      ...base,
      code: 'binary-file',
      message: `${what} file holds binary data (${decoded.detail}), not text`,
      fix: `replace it with a text file, rename it so it does not end in ${what === 'Markdown' ? '.md' : 'a data extension (.json, .yaml, .jsonl)'}, or add it to discover.ignore`,
    };
  }
  if (decoded.reason === 'not-utf16') {
    return {
      ...base,
      code: 'not-utf16',
      message: `file is not valid UTF-16 (${decoded.detail})`,
      fix: 're-save the file as UTF-8 (or as UTF-16 again, from the program that wrote it), or add it to discover.ignore',
    };
  }
  return {
    ...base,
    code: 'not-utf8',
    message: `file is not valid UTF-8 (${decoded.detail})`,
    fix: 're-save the file as UTF-8 (e.g. `iconv -f WINDOWS-1252 -t UTF-8`), or add it to discover.ignore',
  };
}
