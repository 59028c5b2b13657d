import type { RunReport } from '../core/report.js';
import { renderJson } from './json.js';
import { renderMarkdown } from './markdown.js';

/** The two file operations report writing needs (the CLI passes a node:fs-backed one). */
export interface ReportWriter {
  /** Creates the directory and its parents; succeeds when it exists. */
  mkdir(path: string): Promise<void>;
  /** Writes (replaces) a UTF-8 text file. */
  writeFile(path: string, text: string): Promise<void>;
}

/** Names of the files {@link writeReportFiles} writes. */
export const reportFileNames = { json: 'report.json', markdown: 'report.md' } as const;

/** Joins a directory and a file name without dropping the directory's own separator style. */
function joinPath(dir: string, name: string): string {
  if (dir === '') return name;
  return /[\\/]$/.test(dir) ? `${dir}${name}` : `${dir}/${name}`;
}

/**
 * Writes `report.json` and `report.md` under `dir` (created first) and returns the two paths, JSON first.
 * The caller picks the directory (`snapshots/reports/<run-id>/`) and the writer.
 */
export async function writeReportFiles(report: RunReport, dir: string, writer: ReportWriter): Promise<string[]> {
  await writer.mkdir(dir);
  const jsonPath = joinPath(dir, reportFileNames.json);
  const markdownPath = joinPath(dir, reportFileNames.markdown);
  await writer.writeFile(jsonPath, renderJson(report));
  await writer.writeFile(markdownPath, renderMarkdown(report));
  return [jsonPath, markdownPath];
}
