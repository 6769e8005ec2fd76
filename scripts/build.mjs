// Bundles the CLI into one file: module loading would otherwise dominate a small repository's check.
import { build } from 'esbuild'

await build({
  entryPoints: { cli: 'src/cli/bin.ts' },
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
