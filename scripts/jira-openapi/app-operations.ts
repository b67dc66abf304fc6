import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * The Jira REST operations the app calls, read from its source: every `requestJira(route\`…\`, { method })`
 * in src/. A path segment the code fills in (`${issueKey}`) matches any template segment (`{issueIdOrKey}`),
 * so the result names operations as the OpenAPI description does: 'METHOD /rest/api/3/template'.
 */
export function appJiraCalls(srcDir: string): { method: string; pattern: string; file: string }[] {
  const calls: { method: string; pattern: string; file: string }[] = [];
  for (const file of sourceFiles(srcDir)) {
    const text = readFileSync(file, 'utf8');
    const call = /requestJira\(\s*route`([^`]+)`\s*,\s*\{[^}]*?method:\s*'([A-Z]+)'/gs;
    for (const m of text.matchAll(call)) {
      const [, pattern = '', method = ''] = m;
      calls.push({ method, pattern: pattern.split('?')[0] ?? pattern, file: path.relative(srcDir, file) });
    }
  }
  return calls;
}

/** The OpenAPI path a call's pattern is, among `paths` (literal segments must agree, `${…}` fills a `{…}`). */
export function operationFor(pattern: string, paths: string[]): string | undefined {
  const segments = pattern.split('/');
  const fits = (template: string) => {
    const parts = template.split('/');
    return (
      parts.length === segments.length &&
      parts.every((part, i) => {
        const actual = segments[i] ?? '';
        const filled = /^\$\{[^}]+\}$/.test(actual);
        return part.startsWith('{') ? filled : part === actual && !filled;
      })
    );
  };
  return paths.find(fits);
}

/** Operations the app does not call yet but the emulator answers it for and the app is expected to use. */
export const PLANNED_OPERATIONS = ['GET /rest/api/3/mypermissions'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return full.endsWith('.ts') ? [full] : [];
  });
}
