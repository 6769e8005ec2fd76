// Bundles the CLI into one file: module loading would otherwise dominate a small repository's check.
import { build } from 'esbuild'
import { rmSync } from 'node:fs'

// chunk names carry content hashes: stale ones must not linger in the committed dist/
rmSync('dist', { recursive: true, force: true })

await build({
  entryPoints: { cli: 'src/cli/bin.ts' },
  // a native addon and a package that loads its WebAssembly from its own folder: installed, not bundled
  external: ['better-sqlite3', '@electric-sql/pglite'],
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  mainFields: ['module', 'main'],
  minify: true,
  keepNames: false,
  legalComments: 'none',
  banner: { js: '#!/usr/bin/env node\nimport { createRequire as __seedguardRequire } from "node:module"; const require = __seedguardRequire(import.meta.url);' },
  logLevel: 'warning',
})

// The GitHub Action (action.yml `main`): self-contained in dist/, since a runner checks the action
// out without node_modules; ESM through the repository's "type": "module", on the runner's Node 24.
// Parsers loaded on demand (Prism needs node:wasi, whose mere import prints a warning) stay in
// their own chunks, as in the CLI. The companion step (verify/action.yml `main: ../dist/verify.js`)
// is a second entry of the same build, sharing its chunks; its PostgreSQL and MySQL drivers are
// bundled, better-sqlite3 and PGlite are not (the step says so for a sqlite:/pglite: URL).
await build({
  entryPoints: { index: 'src/action/index.ts', verify: 'src/action/verify-index.ts' },
  outdir: 'dist',
  splitting: true,
  chunkNames: 'chunks/action-[name]-[hash]',
  external: ['better-sqlite3', '@electric-sql/pglite'],
  bundle: true,
  platform: 'node',
  target: 'node24',
  format: 'esm',
  mainFields: ['module', 'main'],
  minify: true,
  legalComments: 'none',
  // bundled CommonJS dependencies (undici, tunnel) call require() for Node built-ins
  banner: { js: 'import { createRequire as __seedguardRequire } from "node:module"; const require = __seedguardRequire(import.meta.url);' },
  logLevel: 'warning',
})

// Prism (the Ruby parser for rake tasks) loads its WebAssembly next to the code that imports it,
// `new URL('prism.wasm', import.meta.url)`: a chunk of the CLI or of the action.
import { copyFileSync } from 'node:fs'
copyFileSync('node_modules/@ruby/prism/src/prism.wasm', 'dist/chunks/prism.wasm')
