// Bundles the action and the CLI into single committed ESM files.
// esbuild keeps modules that are only reached through `import()` lazy
// inside the one file, so a run with nothing to publish never evaluates
// the renderer, Octokit or the YAML editor.
import { build } from 'esbuild'

const shared = {
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
      '  if (!__isBuiltin(id)) throw new Error(`Cannot find module \'${id}\' (not bundled)`);',
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
