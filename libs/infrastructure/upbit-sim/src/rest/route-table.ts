import { Route } from './rest-types';

interface CompiledRoute {
  readonly route: Route;
  readonly regex: RegExp;
  readonly names: string[];
}

/** Finds the route for a method and a path under /v1, with its `{name}` parameters. */
export class RouteTable {
  private readonly compiled: CompiledRoute[];

  constructor(routes: readonly Route[]) {
    this.compiled = routes.map((route) => {
      const names: string[] = [];
      const source = route.pattern.replace(/\{(\w+)\}/g, (_m, name: string) => {
        names.push(name);
        return '([^/]+)';
      });
      return { route, regex: new RegExp(`^${source}$`), names };
    });
  }

  find(method: string, path: string): { route: Route; pathParams: Record<string, string> } | undefined {
    for (const candidate of this.compiled) {
      if (candidate.route.method !== method) continue;
      const match = candidate.regex.exec(path);
      if (match === null) continue;
      const pathParams: Record<string, string> = {};
      candidate.names.forEach((name, i) => (pathParams[name] = decodeURIComponent(match[i + 1])));
      return { route: candidate.route, pathParams };
    }
    return undefined;
  }

  /** Whether any route serves this path (to tell 405-like misses from unknown paths). */
  knows(path: string): boolean {
    return this.compiled.some((c) => c.regex.test(path));
  }
}
