// The CLI as users start it, built into `outdir` (dist/ by scripts/build.mjs, a temporary directory
// by the hook tests), in three parts:
//   chunks/cli-core-<hash>.cjs  every command, CommonJS: Node 20 keeps V8's compiled code for
//                               scripts (vm.Script), not for ES modules; the hash keys that cache
//   cli.js                      the bin, CommonJS (the outdir's package.json says so): Node starts
//                               a CommonJS entry without loading its ES module loader; it loads
//                               the core through the cache (src/cli/code-cache.ts)
//   chunks/on-demand-<hash>.mjs what the core imports on demand (src/util/on-demand.ts), an ES
//                               module split into chunks loaded when used
import { build } from 'esbuild'
import { copyFileSync, writeFileSync } from 'node:fs'
import { basename, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
// what the core requires src/util/on-demand.ts by; cli.js hands it the module
const ON_DEMAND_ID = 'seedguard:on-demand'
// tree-sitter's grammars (C#, Java, Go, Python), as their packages ship them: src/util/tree-sitter.ts's GRAMMARS
const GRAMMARS = ['tree-sitter-c-sharp/tree-sitter-c_sharp.wasm', 'tree-sitter-java/tree-sitter-java.wasm', 'tree-sitter-go/tree-sitter-go.wasm', 'tree-sitter-python/tree-sitter-python.wasm']
/** src/util/tree-sitter.ts then finds the grammars beside its chunk, in the outdir's chunks/ (copied there below) */
export const GRAMMAR_DEFINES = { SEEDGUARD_GRAMMARS_BESIDE: 'true' }

/** how seedguard's code is bundled; bench/run.mjs bundles its parse-only floor alike */
export const BUNDLE_OPTIONS = {
  absWorkingDir: ROOT,
  bundle: true,
  platform: 'node',
  target: 'node20',
  mainFields: ['module', 'main'],
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
}

/** `outdir` relative to the repository's root, or absolute; resolves to the files bundled, relative to the root */
export async function buildCli(outdir) {
  const core = await build({
    ...BUNDLE_OPTIONS,
    entryPoints: { 'cli-core': 'src/cli/index.ts' },
    outdir,
    entryNames: 'chunks/[name]-[hash]',
    outExtension: { '.js': '.cjs' },
    format: 'cjs',
    metafile: true,
    plugins: [{
      name: 'on-demand-outside',
      setup(b) {
        b.onResolve({ filter: /\/on-demand\.js$/ }, () => ({ path: ON_DEMAND_ID, external: true }))
      },
    }],
  })
  const coreFile = Object.keys(core.metafile.outputs).find((f) => f.endsWith('.cjs'))

  // a native addon and a package that loads its WebAssembly from its own folder: installed, not bundled
  const installed = ['better-sqlite3', '@electric-sql/pglite']
  const onDemand = await build({
    ...BUNDLE_OPTIONS,
    entryPoints: { 'on-demand': 'src/util/on-demand.ts' },
    metafile: true,
    external: installed,
    outdir,
    entryNames: 'chunks/[name]-[hash]',
    chunkNames: 'chunks/[name]-[hash]',
    outExtension: { '.js': '.mjs' },
    format: 'esm',
    splitting: true,
    define: GRAMMAR_DEFINES,
    // bundled CommonJS dependencies call require() for Node built-ins
    banner: { js: 'import { createRequire as __seedguardRequire } from "node:module"; const require = __seedguardRequire(import.meta.url);' },
  })
  const onDemandFile = Object.entries(onDemand.metafile.outputs).find(([, output]) => output.entryPoint === 'src/util/on-demand.ts')[0]

  const bin = await build({
    ...BUNDLE_OPTIONS,
    entryPoints: { cli: 'src/cli/bin.ts' },
    metafile: true,
    outdir,
    format: 'cjs',
    define: {
      SEEDGUARD_CORE: JSON.stringify(`./chunks/${basename(coreFile)}`),
      SEEDGUARD_ON_DEMAND: JSON.stringify(ON_DEMAND_ID),
      SEEDGUARD_ON_DEMAND_MODULE: JSON.stringify(`./chunks/${basename(onDemandFile)}`),
    },
    banner: { js: '#!/usr/bin/env node' },
  })
  // the repository's package.json says "type": "module"; this one makes cli.js CommonJS wherever it is built
  writeFileSync(resolve(ROOT, outdir, 'package.json'), `${JSON.stringify({ type: 'commonjs' }, null, 2)}\n`)
  // Prism loads its WebAssembly next to the code that imports it: `new URL('prism.wasm', import.meta.url)`
  copyFileSync(join(ROOT, 'node_modules/@ruby/prism/src/prism.wasm'), resolve(ROOT, outdir, 'chunks/prism.wasm'))
  // web-tree-sitter loads its runtime the same way (tree-sitter.wasm); the grammars are loaded beside their loader's chunk
  copyFileSync(join(ROOT, 'node_modules/web-tree-sitter/tree-sitter.wasm'), resolve(ROOT, outdir, 'chunks/tree-sitter.wasm'))
  for (const grammar of GRAMMARS) copyFileSync(join(ROOT, 'node_modules', grammar), resolve(ROOT, outdir, `chunks/${basename(grammar)}`))
  return [...new Set([core, onDemand, bin].flatMap((b) => Object.keys(b.metafile.inputs)))]
}
