import type { Route } from './routes/context';
import { issueRoutes } from './routes/issues';
import { permissionRoutes } from './routes/permissions';
import { projectRoutes } from './routes/projects';
import { propertyRoutes } from './routes/properties';
import { searchRoutes } from './routes/search';
import { userRoutes } from './routes/users';

const ROUTES: Route[] = [
  ...userRoutes,
  ...projectRoutes,
  ...issueRoutes,
  ...propertyRoutes,
  ...searchRoutes,
  ...permissionRoutes,
];

interface CompiledRoute {
  route: Route;
  segments: string[];
  literals: number;
}

const COMPILED: CompiledRoute[] = ROUTES.map((route) => {
  const segments = route.template.split('/').filter((s) => s.length > 0);
  return { route, segments, literals: segments.filter((s) => !s.startsWith('{')).length };
});

export type RouteMatch =
  | { kind: 'match'; route: Route; params: Record<string, string>; version: string; counterKey: string }
  | { kind: 'methodNotAllowed'; allow: string[]; counterKey: string }
  | { kind: 'notFound'; counterKey: string };

function matchSegments(pattern: string[], actual: string[]): Record<string, string> | undefined {
  if (pattern.length !== actual.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i] ?? '';
    const a = actual[i] ?? '';
    if (p.startsWith('{')) params[p.slice(1, -1)] = a;
    else if (p !== a) return undefined;
  }
  return params;
}

/** Finds the route for a path such as /rest/api/3/issue/CHK-1; v2 paths reach the same handlers. */
export function matchRoute(method: string, path: string): RouteMatch {
  const unmatched = `${method} (unmatched)`;
  const m = /^\/rest\/api\/(2|3)(\/.*)?$/.exec(path.replace(/\/+$/, ''));
  if (!m) return { kind: 'notFound', counterKey: unmatched };
  const version = m[1] ?? '3';
  let actual: string[];
  try {
    actual = (m[2] ?? '')
      .split('/')
      .filter((s) => s.length > 0)
      .map(decodeURIComponent);
  } catch {
    return { kind: 'notFound', counterKey: unmatched };
  }
  const candidates = COMPILED.flatMap((c) => {
    const params = matchSegments(c.segments, actual);
    return params ? [{ ...c, params }] : [];
  });
  const forMethod = candidates
    .filter((c) => c.route.method === method)
    // A literal segment beats a placeholder: /issue/properties/multi is not an issue key.
    .sort((a, b) => b.literals - a.literals)[0];
  if (forMethod) {
    return {
      kind: 'match',
      route: forMethod.route,
      params: forMethod.params,
      version,
      counterKey: `${method} /rest/api/${version}${forMethod.route.template}`,
    };
  }
  if (candidates.length > 0) {
    return {
      kind: 'methodNotAllowed',
      allow: [...new Set(candidates.map((c) => c.route.method))],
      counterKey: unmatched,
    };
  }
  return { kind: 'notFound', counterKey: unmatched };
}
