// Stand-in for Forge's Node runtime loader, which `forge deploy` downloads from Atlassian's CDN (or reads
// from FORGE_RUNTIME_PATH/dist/loader.js when that is set, which is how scripts/forge-bundle.ts works
// offline). Only its place in the bundle folder is filled: in the sandbox, sandbox/runtime/app-host.ts
// plays the runtime, loading index.cjs and calling the handlers manifest.yml names. A bundle made with
// this file must never be deployed, so it fails loudly if anything runs it.
throw new Error('Forge runtime stand-in (scripts/forge-bundle): this bundle is for local tests only.');
