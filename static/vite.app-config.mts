import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import type { Plugin, UserConfig } from 'vite';

const staticDir = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(staticDir, '..');

/**
 * Every app's page, the same but for its title: one root element for React and the app's entry script.
 * Vite builds it as the app's index.html (the page Forge serves from the resource folder), so no app
 * keeps a copy of its own. The apps are only ever built (`npm start` and the tests serve the builds), so
 * the page exists for `vite build`, not for Vite's dev server.
 */
function appPage(root: string, title: string): Plugin {
  const page = path.join(root, 'index.html');
  const html = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="UTF-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1.0" />
    <title>${title}</title>
  </head>
  <body>
    <div id="root"></div>
    <script type="module" src="./src/main.tsx"></script>
  </body>
</html>
`;
  return {
    name: 'outcome-bridge:app-page',
    resolveId: (id) => (id === page ? page : null),
    load: (id) => (id === page ? html : null),
  };
}

/**
 * The one Vite setup every Custom UI app builds with: relative asset paths (Forge serves each app
 * from its own resource folder), the shared front-end code and the back end's contract and domain by alias.
 * `title` is the page's title (the app's name unless given).
 */
export function appConfig(app: string, title = app): UserConfig {
  const root = path.join(staticDir, app);
  return {
    root,
    base: './',
    plugins: [react(), appPage(root, title)],
    resolve: {
      alias: [
        {
          find: '@atlaskit/feature-gate-js-client/feature-gates',
          replacement: path.join(staticDir, 'shared/feature-gates-off.ts'),
        },
        {
          find: '@atlaskit/feature-gate-js-client',
          replacement: path.join(staticDir, 'shared/feature-gates-off.ts'),
        },
        // Only the bridge's parts the app uses (shared/forge-bridge.ts); exactly the package, not its subpaths.
        { find: /^@forge\/bridge$/, replacement: path.join(staticDir, 'shared/forge-bridge.ts') },
        { find: '@contract', replacement: path.join(repoRoot, 'src/contract') },
        { find: '@domain', replacement: path.join(repoRoot, 'src/domain') },
        { find: '@shared', replacement: path.join(staticDir, 'shared') },
      ],
    },
    build: {
      outDir: 'build',
      rolldownOptions: { input: path.join(root, 'index.html') },
      emptyOutDir: true,
      target: 'es2022',
      reportCompressedSize: false,
      chunkSizeWarningLimit: 2000,
    },
    logLevel: 'warn',
  };
}
