import type { RunReport } from '../core/report.js';
import { createRunPage, renderHtml, type RunPageOptions } from './html.js';
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
export const reportFileNames = { json: 'report.json', markdown: 'report.md', html: 'report.html' } as const;

/** Joins a directory and a file name without dropping the directory's own separator style. */
function joinPath(dir: string, name: string): string {
  if (dir === '') return name;
  return /[\\/]$/.test(dir) ? `${dir}${name}` : `${dir}/${name}`;
}

/**
 * Writes `report.json`, `report.md` and `report.html` under `dir` (created first) and returns the three paths, in
 * that order. The caller picks the directory (`snapshots/reports/<run-id>/`) and the writer; `page` gives the HTML
 * page the run's ops (its plan, or rows the caller built).
 */
export async function writeReportFiles(report: RunReport, dir: string, writer: ReportWriter, page: RunPageOptions = {}): Promise<string[]> {
  await writer.mkdir(dir);
  const jsonPath = joinPath(dir, reportFileNames.json);
  const markdownPath = joinPath(dir, reportFileNames.markdown);
  const htmlPath = joinPath(dir, reportFileNames.html);
  await writer.writeFile(jsonPath, renderJson(report));
  await writer.writeFile(markdownPath, renderMarkdown(report));
  await writer.writeFile(htmlPath, renderHtml(createRunPage(report, page)));
  return [jsonPath, markdownPath, htmlPath];
}
