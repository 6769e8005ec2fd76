// Bundles the CLI and the GitHub Action: module loading would otherwise dominate a small repository's check.
import { build } from 'esbuild'
import { rmSync } from 'node:fs'
import { buildCli, GRAMMAR_DEFINES } from './build-cli.mjs'
import { buildGuardLibrary } from './build-guard.mjs'

// chunk names carry content hashes: stale ones must not linger in the committed dist/
rmSync('dist', { recursive: true, force: true })

await buildCli('dist')
await buildGuardLibrary('dist')

// The GitHub Action (action.yml `main`): self-contained in dist/, since a runner checks the action
// out without node_modules; ES modules on the runner's Node 24, named .mjs because dist/package.json
// makes the CLI's .js CommonJS.
// Parsers loaded on demand (Prism needs node:wasi, whose mere import prints a warning) stay in
// their own chunks, as in the CLI. The companion step (verify/action.yml `main: ../dist/verify.mjs`)
// is a second entry of the same build, sharing its chunks; its PostgreSQL and MySQL drivers are
// bundled, better-sqlite3 and PGlite are not (the step says so for a sqlite:/pglite: URL).
// Prism's WebAssembly, and tree-sitter's with its C# and Python grammars, are the ones buildCli copies into dist/chunks.
await build({
  entryPoints: { index: 'src/action/index.ts', verify: 'src/action/verify-index.ts' },
  outdir: 'dist',
  splitting: true,
  chunkNames: 'chunks/action-[name]-[hash]',
  define: GRAMMAR_DEFINES,
  outExtension: { '.js': '.mjs' },
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
