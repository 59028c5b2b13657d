/**
 * A circuit breaker for one Vikunja server: after `threshold` calls in a row fail with server trouble
 * (after their retries), calls fail fast with `ServerUnavailableError` until `cooldownMs` has passed; then
 * one probe call goes through (half-open) and its outcome closes or re-opens the circuit.
 */
import { ServerUnavailableError } from '../core/errors.js';

/** Breaker tuning: consecutive failures before opening, and how long to stay open. */
export interface CircuitBreakerSettings {
  threshold: number;
  cooldownMs: number;
}

/** The breaker's state names. */
export const CircuitState = { closed: 'closed', open: 'open', halfOpen: 'half-open' } as const;
/** One of `CircuitState`. */
export type CircuitStateValue = (typeof CircuitState)[keyof typeof CircuitState];

/** A ticket handed out by `admit`: whether this call is the half-open probe. */
export interface CircuitAdmission {
  probe: boolean;
}

/** The breaker the transport wraps every logical call in. */
export interface CircuitBreaker {
  /** Lets a call through, or throws `ServerUnavailableError` while the circuit is open. */
  admit(): CircuitAdmission;
  /** The server answered (any answer that is not server trouble). */
  recordSuccess(admission: CircuitAdmission): void;
  /** The call failed with server trouble after its retries. */
  recordFailure(admission: CircuitAdmission, error: Error): void;
  state(): CircuitStateValue;
}

/** Options for `createCircuitBreaker`. */
export interface CircuitBreakerOptions extends CircuitBreakerSettings {
  /** The server's base URL, named in the error (never carries the token). */
  url: string;
  onOpen(details: { failures: number; nextProbeAt: Date; lastError: string }): void;
  onClose(): void;
  now?: () => number;
}

/** Creates a closed circuit breaker. */
export function createCircuitBreaker(options: CircuitBreakerOptions): CircuitBreaker {
  const now = options.now ?? Date.now;
  let state: CircuitStateValue = CircuitState.closed;
  let consecutiveFailures = 0;
  let openUntil = 0;
  let lastError = '';
  let probeInFlight = false;

  function open(): void {
    state = CircuitState.open;
    openUntil = now() + options.cooldownMs;
    probeInFlight = false;
    options.onOpen({ failures: consecutiveFailures, nextProbeAt: new Date(openUntil), lastError });
  }

  function createUnavailableError(): ServerUnavailableError {
    const nextProbeAt = new Date(openUntil);
    const inMs = Math.max(0, openUntil - now());
    const when = probeInFlight ? 'a probe request is in flight now' : `the next probe is at ${nextProbeAt.toISOString()} (in ${Math.ceil(inMs / 1000)} s)`;
    return new ServerUnavailableError(
      `Vikunja at ${options.url} is unavailable: ${consecutiveFailures} calls in a row failed after their retries ` +
        `(last: ${lastError}). Calls fail fast while the circuit is open; ${when}. ` +
        'Check the server, then run membank again: the run resumes where it stopped.',
      { details: { url: options.url, nextProbeAt: nextProbeAt.toISOString(), failures: consecutiveFailures } },
    );
  }

  return {
    admit() {
      if (state === CircuitState.closed) return { probe: false };
      if (state === CircuitState.open && now() >= openUntil && !probeInFlight) {
        state = CircuitState.halfOpen;
        probeInFlight = true;
        return { probe: true };
      }
      throw createUnavailableError();
    },
    recordSuccess(admission) {
      if (admission.probe) {
        state = CircuitState.closed;
        probeInFlight = false;
        consecutiveFailures = 0;
        options.onClose();
      } else if (state === CircuitState.closed) {
        consecutiveFailures = 0;
      }
    },
    recordFailure(admission, error) {
      lastError = error.message;
      if (admission.probe) {
        open();
        return;
      }
      if (state !== CircuitState.closed) return;
      consecutiveFailures += 1;
      if (consecutiveFailures >= options.threshold) open();
    },
    state() {
      return state;
    },
  };
}
