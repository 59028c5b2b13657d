/**
 * What a test opens (sandboxes, state stores, temporary folders, watchers) and must close whether it passes or not.
 */
import { afterEach } from 'vitest';

/** Closes one thing a test opened. */
export type Closer = () => Promise<void> | void;

/**
 * A list a test pushes its closers onto, closed after each test, newest first (a world's sandbox after the store it
 * fed). Call once at the top of a test file.
 */
export function closeAfterEach(): Closer[] {
  const closers: Closer[] = [];
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
  });
  return closers;
}
