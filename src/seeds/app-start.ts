// https://sequelize.org/docs/v6/core-concepts/model-basics/#model-synchronization
// A Node application that wipes or seeds its database in its own start code does it on every start
// of every deploy: `node server.js` runs server.js and every local module it loads, and what their
// code does when loaded was read ahead (facts/start-effects.ts). The finding points at the call.
import type { LeafCommand } from '../model/command.js'
import { fileStartSpan } from '../model/span.js'
import type { Project } from '../project/project.js'
import { jsonAt, jsonString, parseJsonOf } from '../util/json.js'
import { basenameOf, dirnameOf, isWithin, joinPath, relativePath, selfAndAncestors } from '../util/paths.js'
import { resolveModule } from './facts/start-effects.js'
import { scriptOf } from './seed-file.js'
import { startCodeMatchers, type Entry } from './start-walk.js'
import type { SeedTool } from './types.js'

/** The module a start command runs and the hops to it: `node dist/main.js` runs src/main.ts, compiled. */
function entryOf({ argv, cwd }: LeafCommand, project: Project): Entry | undefined {
  const nest = nestEntry(argv, cwd, project)
  if (nest) return nest
  const file = scriptOf(argv)
  const path = file === undefined ? undefined : joinPath(cwd, file)
  if (path === undefined) return undefined
  const exists = (p: string) => project.cache.exists(p)
  const found = resolveModule(path, exists)
  if (found !== undefined) return { path: found, hops: [{ span: fileStartSpan(found), label: `${found}, the module \`${argv.join(' ')}\` runs` }] }
  return builtEntry(path, project)
}

/**
 * `nest start` builds the NestJS project and runs its entry file: `entryFile` (default `main`) under
 * `sourceRoot` (default `src`) of nest-cli.json in the directory it is run from
 * (https://docs.nestjs.com/cli/monorepo#global-properties), the root project's in a monorepo.
 */
function nestEntry(argv: readonly string[], cwd: string, project: Project): Entry | undefined {
  if (basenameOf(argv[0] ?? '') !== 'nest' || argv[1] !== 'start') return undefined
  const file = joinPath(cwd, 'nest-cli.json')!
  const lines = project.cache.get(file)
  const root = lines && parseJsonOf(lines).root
  const sourceRoot = (root && jsonString(jsonAt(root, ['sourceRoot']))) ?? 'src'
  const entryFile = (root && jsonString(jsonAt(root, ['entryFile']))) ?? 'main'
  const base = joinPath(cwd, `${sourceRoot}/${entryFile}`)
  const path = base === undefined ? undefined : resolveModule(base, (p) => project.cache.exists(p))
  if (path === undefined) return undefined
  return { path, hops: [{ span: fileStartSpan(path), label: `${path}, the entry \`${argv.join(' ')}\` builds and runs (nest-cli.json sourceRoot/entryFile)` }] }
}

/**
 * A start of built output the repository does not hold (`node dist/main.js`) runs what TypeScript
 * compiled from the sources: `outDir` mirrors `rootDir`'s tree
 * (https://www.typescriptlang.org/tsconfig/#outDir). Read from the nearest tsconfig.json above the
 * entry that names an outDir holding it; where rootDir is not set, the one directory `include`
 * names is the root of the inputs, and with no `include` (every file under the tsconfig's
 * directory is an input) TypeScript's default: "the longest common path of all non-declaration
 * input files" (https://www.typescriptlang.org/tsconfig/#rootDir), here the TypeScript files outside
 * node_modules, outDir and the directories `exclude` names. Otherwise nothing is claimed.
 */
function builtEntry(path: string, project: Project): Entry | undefined {
  for (const dir of selfAndAncestors(dirnameOf(path))) {
    const file = joinPath(dir, 'tsconfig.json')!
    const lines = project.cache.get(file)
    if (!lines) continue
    const { root } = parseJsonOf(lines)
    const outDirNode = jsonAt(root, ['compilerOptions', 'outDir'])
    const outDir = joinPath(dir, jsonString(outDirNode) ?? '')
    if (outDir === undefined || outDir === dir || !isWithin(outDir, path)) continue
    const includeNode = jsonAt(root, ['include'])
    const include = includeNode?.children?.map(jsonString) ?? []
    const rootDir = jsonString(jsonAt(root, ['compilerOptions', 'rootDir'])) ?? (include.length === 1 ? include[0]?.replace(/\/\*\*(?:\/\*.*)?$/, '') : undefined)
    const excluded = (jsonAt(root, ['exclude'])?.children?.map(jsonString) ?? []).filter((e): e is string => e !== undefined && !/[*?]/.test(e)).map((e) => joinPath(dir, e))
    const defaultRoot = rootDir === undefined && !includeNode && !jsonAt(root, ['files']) ? commonInputRoot(dir, [outDir, ...excluded.filter((e): e is string => e !== undefined)], jsonAt(root, ['compilerOptions', 'allowJs'])?.value === true, project) : undefined
    const sourceDir = rootDir === undefined ? defaultRoot : joinPath(dir, rootDir)
    if (sourceDir === undefined) return undefined
    const source = resolveModule(joinPath(sourceDir, relativePath(outDir, path))!, (p) => project.cache.exists(p))
    if (source === undefined) return undefined
    const span = lines.span(outDirNode!.offset, outDirNode!.offset + outDirNode!.length)
    return { path: source, hops: [{ span, label: `${path} is built from ${source} (${file} outDir)` }] }
  }
  return undefined
}

const TS_INPUT = /\.(?:[cm]?ts|tsx)$/
const JS_INPUT = /\.(?:[cm]?js|jsx)$/
const DECLARATION = /\.d\.[cm]?ts$/

/** the longest common directory of the TypeScript files (and JavaScript ones under `allowJs`) under `dir`, outside node_modules and the `skipped` directories */
function commonInputRoot(dir: string, skipped: string[], allowJs: boolean, project: Project): string | undefined {
  let common: string[] | undefined
  for (const file of project.cache.files.list()) {
    if (!(TS_INPUT.test(file) || (allowJs && JS_INPUT.test(file))) || DECLARATION.test(file) || !isWithin(dir, file) || file.split('/').includes('node_modules') || skipped.some((s) => isWithin(s, file))) continue
    const segments = dirnameOf(file).split('/').filter((s) => s !== '' && s !== '.')
    if (common === undefined) common = segments
    else {
      let i = 0
      while (i < common.length && i < segments.length && common[i] === segments[i]) i++
      common = common.slice(0, i)
    }
  }
  return common === undefined ? undefined : common.length === 0 ? '.' : common.join('/')
}

const appStart: SeedTool = {
  id: 'app-start',
  title: 'Application start code',
  docs: 'https://sequelize.org/docs/v6/core-concepts/model-basics/#model-synchronization',
  environmentVariable: 'NODE_ENV',
  ...startCodeMatchers(entryOf, (project) => project.startModules),
}
export default appStart
