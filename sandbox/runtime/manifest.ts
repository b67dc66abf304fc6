import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import type { IndexedPropertyValue } from '../jira';
import type { EntityDeclaration } from '../kvs';

export const REPO_ROOT = path.resolve(__dirname, '../..');

export interface UiModule {
  type: 'jira:issueContext' | 'jira:projectPage' | 'jira:adminPage' | 'jira:projectSettingsPage';
  key: string;
  resource: string;
  resolverFunction: string;
  title: string;
}

export interface TriggerModule {
  key: string;
  function: string;
  events: string[];
  ignoreSelf: boolean;
}

export interface ConsumerModule {
  key: string;
  queue: string;
  function: string;
}

export interface ScheduledModule {
  key: string;
  function: string;
  interval: string;
}

/** The parts of manifest.yml the sandbox acts on, read from the real file so the two cannot drift. */
export interface AppManifest {
  appId: string;
  functions: Map<string, { handler: string; timeoutSeconds?: number }>;
  uiModules: UiModule[];
  resources: Map<string, string>;
  triggers: TriggerModule[];
  consumers: ConsumerModule[];
  scheduled: ScheduledModule[];
  entities: EntityDeclaration[];
  indexedProperties: IndexedPropertyValue[];
  scopes: string[];
}

type Yaml = Record<string, unknown>;
const list = (value: unknown): Yaml[] => (Array.isArray(value) ? (value as Yaml[]) : []);
const str = (value: unknown): string => (typeof value === 'string' ? value : '');

export function readManifest(file = path.join(REPO_ROOT, 'manifest.yml')): AppManifest {
  const doc = parse(readFileSync(file, 'utf8')) as Yaml;
  const modules = (doc.modules ?? {}) as Yaml;
  const app = (doc.app ?? {}) as Yaml;
  const uiTypes = [
    'jira:issueContext',
    'jira:projectPage',
    'jira:adminPage',
    'jira:projectSettingsPage',
  ] as const;
  return {
    appId: str(app.id),
    functions: new Map(
      list(modules.function).map((f) => [
        str(f.key),
        {
          handler: str(f.handler),
          ...(typeof f.timeoutSeconds === 'number' ? { timeoutSeconds: f.timeoutSeconds } : {}),
        },
      ]),
    ),
    uiModules: uiTypes.flatMap((type) =>
      list(modules[type]).map((m) => ({
        type,
        key: str(m.key),
        resource: str(m.resource),
        resolverFunction: str((m.resolver as Yaml | undefined)?.function),
        title: str(m.title),
      })),
    ),
    resources: new Map(list(doc.resources).map((r) => [str(r.key), str(r.path)])),
    triggers: list(modules.trigger).map((t) => ({
      key: str(t.key),
      function: str(t.function),
      events: (Array.isArray(t.events) ? t.events : []).map(str),
      ignoreSelf: ((t.filter as Yaml | undefined)?.ignoreSelf ?? false) === true,
    })),
    consumers: list(modules.consumer).map((c) => ({
      key: str(c.key),
      queue: str(c.queue),
      function: str(c.function),
    })),
    scheduled: list(modules.scheduledTrigger).map((s) => ({
      key: str(s.key),
      function: str(s.function),
      interval: str(s.interval),
    })),
    entities: list((app.storage as Yaml | undefined)?.entities) as unknown as EntityDeclaration[],
    indexedProperties: list(modules['jira:entityProperty']).flatMap((m) =>
      list(m.values).map((v) => ({
        propertyKey: str(m.propertyKey),
        path: str(v.path),
        type: str(v.type) as IndexedPropertyValue['type'],
        ...(typeof v.searchAlias === 'string' ? { searchAlias: v.searchAlias } : {}),
      })),
    ),
    scopes: ((doc.permissions as Yaml | undefined)?.scopes as string[] | undefined) ?? [],
  };
}

/** `index.issuePanelResolver` -> file `src/index.ts`, export `issuePanelResolver`. */
export function parseHandler(handler: string): { file: string; exportName: string } {
  const dot = handler.lastIndexOf('.');
  return {
    file: path.join(REPO_ROOT, 'src', `${handler.slice(0, dot)}.ts`),
    exportName: handler.slice(dot + 1),
  };
}
