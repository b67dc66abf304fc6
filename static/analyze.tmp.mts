import { build } from 'vite';
import { appConfig } from './vite.app-config.mts';

const app = process.argv[2];
const cfg = appConfig(app);
cfg.build = { ...cfg.build, outDir: '/tmp/analyze-' + app, sourcemap: true };
await build(cfg);
