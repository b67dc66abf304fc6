import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import type { UserConfig } from 'vite';

const staticDir = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(staticDir, '..');

/**
 * The one Vite setup every Custom UI app builds with: relative asset paths (Forge serves each app
 * from its own resource folder), the shared front-end code and the back end's contract and domain by alias.
 */
export function appConfig(app: string): UserConfig {
  return {
    root: path.join(staticDir, app),
    base: './',
    plugins: [react()],
    resolve: {
      alias: {
        '@atlaskit/feature-gate-js-client/feature-gates': path.join(staticDir, 'shared/feature-gates-off.ts'),
        '@atlaskit/feature-gate-js-client': path.join(staticDir, 'shared/feature-gates-off.ts'),
        '@contract': path.join(repoRoot, 'src/contract'),
        '@domain': path.join(repoRoot, 'src/domain'),
        '@shared': path.join(staticDir, 'shared'),
      },
    },
    build: {
      outDir: 'build',
      emptyOutDir: true,
      target: 'es2022',
      reportCompressedSize: false,
      chunkSizeWarningLimit: 2000,
    },
    logLevel: 'warn',
  };
}
