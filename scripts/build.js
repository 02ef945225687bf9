// Bundles the action and the CLI into single committed ESM files.
// esbuild keeps modules that are only reached through `import()` lazy
// inside the one file, so a run with nothing to publish never evaluates
// the renderer, Octokit or the YAML editor.
// It also writes dist/licenses.txt: the name, version, license and license
// text of every package whose code ends up in either bundle, for whoever
// ships the bundles (the npm tarball and the action's tags carry no
// node_modules).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
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

// acorn-jsx (CommonJS) requires `acorn` and micromark's MDX extension imports
// it: package exports would give each its own copy (acorn.js and acorn.mjs,
// 235 KB apiece, both compiled at every start). One copy serves both.
const oneAcorn = {
  name: 'one-acorn',
  setup(build) {
    build.onResolve({ filter: /^acorn$/ }, (args) =>
      args.kind === 'require-call' ? build.resolve('acorn', { kind: 'import-statement', resolveDir: args.resolveDir }) : undefined,
    )
  },
}

const shared = {
  plugins: [withoutOidcClient, oneAcorn],
  bundle: true,
  metafile: true,
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

const results = await Promise.all([
  build({ ...shared, entryPoints: ['src/index.ts'], outfile: 'dist/index.js' }),
  build({
    ...shared,
    entryPoints: ['src/cli.ts'],
    outfile: 'dist/cli.js',
    banner: { js: '#!/usr/bin/env node\n' + shared.banner.js },
  }),
])
writeFileSync('dist/licenses.txt', licenseList(results.map((result) => result.metafile)))

/**
 * The packages that contributed bytes to the outputs (not merely parsed and
 * then tree-shaken away), sorted by name and version so the file is the same
 * on every build.
 */
function licenseList(metafiles) {
  const packageDirs = new Set()
  for (const metafile of metafiles)
    for (const output of Object.values(metafile.outputs))
      for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
        const dir = packageDir(input)
        if (dir && bytesInOutput > 0) packageDirs.add(dir)
      }
  const packages = [...packageDirs].map((dir) => {
    const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'))
    return { name: manifest.name, version: manifest.version, license: licenseName(manifest), text: licenseText(dir) }
  })
  packages.sort((a, b) => compare(a.name, b.name) || compare(a.version, b.version))
  const entries = packages.map(({ name, version, license, text }) => `${name}@${version}\n${license}\n${text.trim()}\n`)
  return `The packages bundled into dist/index.js and dist/cli.js, with their licenses.\n\n${entries.join('\n')}`
}

/** node_modules/a/node_modules/@s/b/lib/x.js -> node_modules/a/node_modules/@s/b */
function packageDir(input) {
  const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input)
  return match?.[1]
}

function licenseName(manifest) {
  if (typeof manifest.license === 'string') return manifest.license
  if (manifest.license?.type) return manifest.license.type
  if (Array.isArray(manifest.licenses)) return manifest.licenses.map((l) => l.type ?? l).join(' OR ')
  return 'UNKNOWN'
}

function licenseText(dir) {
  const file = readdirSync(dir)
    .filter((name) => /^(licen[cs]e|copying)(\.|-|$)/i.test(name))
    .sort(compare)[0]
  return file ? readFileSync(path.join(dir, file), 'utf8') : '(the package ships no license file)'
}

function compare(a, b) {
  return a < b ? -1 : a > b ? 1 : 0
}
