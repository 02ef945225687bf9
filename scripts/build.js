// Bundles the action and the CLI into single committed ESM files.
// esbuild keeps modules that are only reached through `import()` lazy
// inside the one file, so a run with nothing to publish never evaluates
// the renderer, Octokit or the YAML editor.
import { build } from 'esbuild'

// @actions/core's OIDC helper (core.getIDToken) imports @actions/http-client,
// and with it undici: 774 KB that every run would load and compile at start.
// This action never asks for an OIDC token, so the bundle gets a stand-in that
// says so if anything ever calls it.
const withoutOidcClient = {
  name: 'without-oidc-http-client',
  setup(build) {
    build.onResolve({ filter: /^@actions\/http-client(\/lib\/auth)?$/ }, (args) =>
      /@actions[\\/]core[\\/]lib[\\/]oidc-utils\.js$/.test(args.importer) ? { path: args.path, namespace: 'oidc-stub' } : undefined,
    )
    build.onLoad({ filter: /.*/, namespace: 'oidc-stub' }, () => ({
      contents: [
        "const unavailable = () => { throw new Error('medium-publish-action does not use OIDC tokens (core.getIDToken)') }",
        'export class HttpClient { constructor() { unavailable() } }',
        'export class BearerCredentialHandler { constructor() { unavailable() } }',
      ].join('\n'),
      loader: 'js',
    }))
  },
}

const shared = {
  plugins: [withoutOidcClient],
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  legalComments: 'none',
  logLevel: 'warning',
  // CommonJS dependencies (gray-matter, tunnel...) call require() for builtins.
  // Only builtins: on the runner nothing but dist/ exists, so an optional
  // runtime require of a package (js-yaml's `esprima`) must fail here too,
  // instead of quietly loading whatever node_modules holds.
  banner: {
    js: [
      "import { createRequire as __createRequire } from 'node:module';",
      "import { isBuiltin as __isBuiltin } from 'node:module';",
      'const require = ((load) => Object.assign((id) => {',
      "  if (!__isBuiltin(id)) throw new Error(`Cannot find module '${id}' (not bundled)`);",
      '  return load(id);',
      '}, load))(__createRequire(import.meta.url));',
    ].join('\n'),
  },
}

await Promise.all([
  build({ ...shared, entryPoints: ['src/index.ts'], outfile: 'dist/index.js' }),
  build({
    ...shared,
    entryPoints: ['src/cli.ts'],
    outfile: 'dist/cli.js',
    banner: { js: '#!/usr/bin/env node\n' + shared.banner.js },
  }),
])
