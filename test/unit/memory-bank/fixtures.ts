/**
 * Hand-written inputs for the parser tests: DiscoveredFile objects built in memory (no corpus files copied).
 */
import type { DiscoveredFile, ExtractorNameValue, FileKindValue } from '../../../src/core/source-file.js';
import { createDefaultConfig } from '../../../src/core/config.js';
import { parseFiles, type ParseResult } from '../../../src/memory-bank/parse.js';

/** Builds a discovered file the way discovery would hand it to parse. */
export function makeFile(
  path: string,
  text: string,
  extractors: ExtractorNameValue[],
  options: { kind?: FileKindValue; bank?: string } = {},
): DiscoveredFile {
  return {
    path,
    bank: options.bank ?? 'memory-bank',
    kind: options.kind ?? 'task-list',
    reason: 'test fixture',
    size: Buffer.byteLength(text),
    text,
    eol: text.includes('\r\n') ? 'crlf' : text.includes('\n') ? 'lf' : 'none',
    extractors,
  };
}

/** Parses files with the default vocabulary. */
export function parse(...files: DiscoveredFile[]): ParseResult {
  return parseFiles(files, { vocabulary: createDefaultConfig().vocabulary });
}

/** Joins lines with LF (fixtures read better as arrays). */
export function lines(...parts: string[]): string {
  return `${parts.join('\n')}\n`;
}
