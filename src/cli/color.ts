/**
 * Whether human output is coloured, from the environment and the terminal (no dependencies: `main` decides it
 * before any command module is loaded).
 */
import type { CliIo } from './command.js';

/** Colour when stdout is a terminal, unless NO_COLOR or TERM=dumb; FORCE_COLOR forces it; never with --json. */
export function shouldUseColor(io: CliIo, json: boolean): boolean {
  if (json) return false;
  const noColor = io.env['NO_COLOR'];
  if (noColor !== undefined && noColor !== '') return false;
  const force = io.env['FORCE_COLOR'];
  if (force !== undefined && force !== '' && force !== '0' && force !== 'false') return true;
  if (io.env['TERM'] === 'dumb') return false;
  return io.stdout.isTTY === true;
}
