/**
 * A tiny path router: `:name` segments are parameters, static segments win over parameters
 * (as in Echo), a path that matches with another method is a 405.
 */
import type { Handler } from './http.js';

interface Route {
  method: string;
  segments: string[];
  handler: Handler;
  public: boolean;
}

/** A matched route. */
export interface RouteMatch {
  handler: Handler;
  params: Record<string, string>;
  /** Reachable without a token (`/info`). */
  public: boolean;
}

/** A route table. */
export class Router {
  private readonly routes: Route[] = [];

  /** Registers a route; `public` routes skip token auth. */
  add(method: string, pattern: string, handler: Handler, options: { public?: boolean } = {}): this {
    this.routes.push({ method, segments: split(pattern), handler, public: options.public ?? false });
    return this;
  }

  /** Finds the route for a request: a match, 'method-not-allowed', or undefined. */
  match(method: string, path: string): RouteMatch | 'method-not-allowed' | undefined {
    const segments = split(path);
    let best: { route: Route; params: Record<string, string>; score: string } | undefined;
    let pathMatched = false;
    for (const route of this.routes) {
      const params = matchSegments(route.segments, segments);
      if (params === undefined) continue;
      pathMatched = true;
      if (route.method !== method) continue;
      const score = route.segments.map((s) => (s.startsWith(':') ? '0' : '1')).join('');
      if (best === undefined || score > best.score) best = { route, params, score };
    }
    if (best !== undefined) return { handler: best.route.handler, params: best.params, public: best.route.public };
    return pathMatched ? 'method-not-allowed' : undefined;
  }
}

function split(path: string): string[] {
  return path.split('/').filter((s) => s !== '');
}

function matchSegments(pattern: string[], actual: string[]): Record<string, string> | undefined {
  if (pattern.length !== actual.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i += 1) {
    const p = pattern[i] ?? '';
    const a = actual[i] ?? '';
    if (p.startsWith(':')) params[p.slice(1)] = safeDecode(a);
    else if (p !== a) return undefined;
  }
  return params;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
