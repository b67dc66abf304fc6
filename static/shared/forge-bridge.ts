/**
 * The parts of `@forge/bridge` the app uses, which the build puts in place of the package (see
 * `vite.app-config.mts`). The package's index is CommonJS that requires every feature (i18n, fetch, object
 * store, Rovo, feature flags…), so a bundler cannot leave out what the app never calls; importing each part
 * from its own module keeps the rest out of the first paint. The code is the package's own.
 */
export { events } from '../../node_modules/@forge/bridge/out/events/index.js';
export { showFlag } from '../../node_modules/@forge/bridge/out/flag/index.js';
export { invoke } from '../../node_modules/@forge/bridge/out/invoke/index.js';
export { Modal } from '../../node_modules/@forge/bridge/out/modal/index.js';
export { router } from '../../node_modules/@forge/bridge/out/router/index.js';
export { view } from '../../node_modules/@forge/bridge/out/view/index.js';
