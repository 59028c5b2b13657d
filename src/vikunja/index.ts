/**
 * The Vikunja HTTP adapter: `createVikunjaClient` implements the `VikunjaApi` port of `src/core/vikunja.ts`.
 */
export {
  BULK_CREATE_CHUNK,
  createVikunjaClient,
  V2_PAGE_SIZE,
  VIKUNJA_CLIENT_DEFAULTS,
  type VikunjaClient,
  type VikunjaClientOptions,
} from './client.js';
export { joinApiUrl, normaliseBaseUrl } from './transport.js';
export type { RateLimitStatus } from './rate-limiter.js';
export type { CircuitBreakerSettings } from './circuit-breaker.js';
