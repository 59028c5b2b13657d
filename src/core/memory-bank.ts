/**
 * The memory-bank port: discover, parse and validate a bank, as jobs see them. `src/memory-bank/` implements it
 * and `src/runtime.ts` wires it (`createMemoryBankReader`); jobs import only this file.
 */
import type { MembankConfig } from './config.js';
import type { FileSystemReader, Logger } from './ports.js';
import type { DiscoveredFile, DiscoverResult, FileKindValue } from './source-file.js';
import type { InputProblem, TaskRecord } from './task-record.js';

/** What one extractor produced from one file (for `--explain`). */
export interface ExplainExtractor {
  name: string;
  describe: string;
  /** Keys of the records it produced (before merging). */
  keys: string[];
  /** Why it found nothing, when it found nothing. */
  note: string | null;
}

/** Which extractor produced which record keys from which file, or why a file produced none. */
export interface ExplainEntry {
  file: string;
  kind: FileKindValue;
  /** Discovery's reason for the kind. */
  reason: string;
  extractors: ExplainExtractor[];
  /** Null when the file produced records; else why it produced none. */
  noRecords: string | null;
  /** Records of this file folded into a record of another file (index line → task file). */
  merged: { key: string; into: string }[];
}

/** The output of parse. */
export interface ParseResult {
  records: TaskRecord[];
  problems: InputProblem[];
  explain: ExplainEntry[];
}

/** The outcome of validate. */
export interface ValidationReport {
  /** True when there is no error (warnings allowed). */
  ok: boolean;
  errors: number;
  warnings: number;
  /** Files discovered, files that produced records, records. */
  counts: { files: number; taskFiles: number; records: number };
  problems: InputProblem[];
}

/** A possible rename between two parses of the same bank. */
export interface RenameCandidate {
  oldKey: string;
  newKey: string;
  /** 0..1 title similarity. */
  similarity: number;
  reason: string;
}

/** What rename pairing reads of an item: its key, file, parent, title and (for the position rule) status. */
export interface RenameSubject {
  key: string;
  path: string;
  parentKey: string | null;
  title: string;
  /** Null: not known (the position rule never pairs it). */
  status: string | null;
}

/** How rename pairing pairs. */
export interface RenameOptions {
  /**
   * Pair items whose titles share nothing when they keep their status and their position among siblings (default
   * true). Off, only title evidence pairs: what `sync` acts on without asking.
   */
  byPosition?: boolean;
}

/** Reads memory banks: the read-only steps of every workflow, behind one port. */
export interface MemoryBankReader {
  /** Finds the bank(s) under `root` and classifies every file, with a reason per file. */
  discover(
    root: string,
    deps: { files: FileSystemReader; config: MembankConfig['discover']; log?: Logger; signal?: AbortSignal },
  ): Promise<DiscoverResult>;
  /** Turns discovered files into task records with stable keys, merged across files. Pure. */
  parse(files: readonly DiscoveredFile[], options: { vocabulary: MembankConfig['vocabulary'] }): ParseResult;
  /** Every problem of a reading at once (discovery, parsing, merging, record checks). Pure. */
  validate(discover: Pick<DiscoverResult, 'files' | 'problems'>, parse: ParseResult): ValidationReport;
  /** Pairs keys that disappeared with keys that appeared between two readings (docs/keys.md, "detectRenames"). Pure. */
  pairRenames(oldItems: readonly RenameSubject[], newItems: readonly RenameSubject[], options?: RenameOptions): RenameCandidate[];
}
