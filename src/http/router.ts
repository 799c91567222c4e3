import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError } from './respond.js';

/** A deliberately tiny router: the bot serves a handful of JSON endpoints beside Slack's. */
export type RouteHandler = (req: IncomingMessage, res: ServerResponse, params: Record<string, string>) => Promise<void>;

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path pattern with `:name` segments, e.g. `/api/v1/journeys/:key`. */
  path: string;
  handler: RouteHandler;
}

interface CompiledRoute extends Route {
  regex: RegExp;
  names: string[];
}

export function compileRoutes(routes: Route[]): (method: string, pathname: string) => { route: Route; params: Record<string, string> } | { allowed: string[] } | null {
  const compiled: CompiledRoute[] = routes.map((r) => {
    const names: string[] = [];
    const source = r.path
      .split('/')
      .map((segment) => {
        if (!segment.startsWith(':')) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        names.push(segment.slice(1));
        return '([^/]+)';
      })
      .join('/');
    return { ...r, regex: new RegExp(`^${source}/?$`), names };
  });
  return (method, pathname) => {
    const allowed: string[] = [];
    for (const route of compiled) {
      const match = route.regex.exec(pathname);
      if (!match) continue;
      if (route.method !== method) {
        allowed.push(route.method);
        continue;
      }
      const params: Record<string, string> = {};
      route.names.forEach((name, i) => {
        params[name] = decodeSegment(match[i + 1] ?? '');
      });
      return { route, params };
    }
    return allowed.length > 0 ? { allowed } : null;
  };
}

/** A path segment's text; malformed percent-encoding (`%`, `%zz`, a cut-off UTF-8 sequence) is the client's mistake: 400. */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw malformedUrl(`The path segment "${segment.slice(0, 100)}" has malformed percent-encoding.`);
  }
}

export function malformedUrl(message: string): HttpError {
  return new HttpError(400, { error: 'malformed_url', message });
}
