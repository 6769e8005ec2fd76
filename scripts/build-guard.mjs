// The library entry `seedguard/guard` (src/guard/index.ts), built into `outdir` for both module
// systems a seed script may be written in, as package.json "exports" maps them:
//   guard.mjs   ES module (`import { assertSafeToSeed } from 'seedguard/guard'`)
//   guard.cjs   CommonJS (`require('seedguard/guard')`)
//   guard.d.ts  its types, declared whole in src/guard/index.ts
// The PostgreSQL and MySQL drivers are bundled, as in the CLI; better-sqlite3 and PGlite are the
// project's own (optional peer dependencies).
import { build } from 'esbuild'
import { readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import ts from 'typescript'
import { BUNDLE_OPTIONS } from './build-cli.mjs'

const ENTRY = 'src/guard/index.ts'

/** `outdir` relative to the repository's root, or absolute */
export async function buildGuardLibrary(outdir) {
  const root = BUNDLE_OPTIONS.absWorkingDir
  const common = { ...BUNDLE_OPTIONS, entryPoints: [ENTRY], external: ['better-sqlite3', '@electric-sql/pglite'] }
  await build({
    ...common,
    outfile: join(outdir, 'guard.mjs'),
    format: 'esm',
    // bundled CommonJS dependencies call require() for Node built-ins
    banner: { js: 'import { createRequire as __seedguardRequire } from "node:module"; const require = __seedguardRequire(import.meta.url);' },
  })
  await build({ ...common, outfile: join(outdir, 'guard.cjs'), format: 'cjs' })
  // one file's declarations, without a program: the entry imports no type it exports
  const { outputText, diagnostics } = ts.transpileDeclaration(readFileSync(resolve(root, ENTRY), 'utf8'), { fileName: ENTRY, compilerOptions: { strict: true } })
  if (diagnostics?.length) throw new Error(`${ENTRY}: ${ts.flattenDiagnosticMessageText(diagnostics[0].messageText, '\n')}`)
  writeFileSync(resolve(root, outdir, 'guard.d.ts'), outputText)
}
