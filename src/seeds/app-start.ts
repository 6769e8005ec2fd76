// https://sequelize.org/docs/v6/core-concepts/model-basics/#model-synchronization
// A Node application that wipes or seeds its database in its own start code does it on every start
// of every deploy: `node server.js` runs server.js and every local module it loads, and what their
// code does when loaded was read ahead (facts/start-effects.ts). The finding points at the call.
import type { LeafCommand } from '../model/command.js'
import { fileStartSpan } from '../model/span.js'
import type { Project } from '../project/project.js'
import { jsonAt, jsonString, parseJsonOf } from '../util/json.js'
import { dirnameOf, isWithin, joinPath, relativePath, selfAndAncestors } from '../util/paths.js'
import { resolveModule } from './facts/start-effects.js'
import { scriptOf } from './seed-file.js'
import { startCodeMatchers, type Entry } from './start-walk.js'
import type { SeedTool } from './types.js'

/** The module a start command runs and the hops to it: `node dist/main.js` runs src/main.ts, compiled. */
function entryOf({ argv, cwd }: LeafCommand, project: Project): Entry | undefined {
  const file = scriptOf(argv)
  const path = file === undefined ? undefined : joinPath(cwd, file)
  if (path === undefined) return undefined
  const exists = (p: string) => project.cache.exists(p)
  const found = resolveModule(path, exists)
  if (found !== undefined) return { path: found, hops: [{ span: fileStartSpan(found), label: `${found}, the module \`${argv.join(' ')}\` runs` }] }
  return builtEntry(path, project)
}

/**
 * A start of built output the repository does not hold (`node dist/main.js`) runs what TypeScript
 * compiled from the sources: `outDir` mirrors `rootDir`'s tree
 * (https://www.typescriptlang.org/tsconfig/#outDir). Read from the nearest tsconfig.json above the
 * entry that names an outDir holding it; where rootDir is not set, the one directory `include`
 * names is the root of the inputs. Otherwise nothing is claimed.
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
    const include = jsonAt(root, ['include'])?.children?.map(jsonString) ?? []
    const rootDir = jsonString(jsonAt(root, ['compilerOptions', 'rootDir'])) ?? (include.length === 1 ? include[0]?.replace(/\/\*\*(?:\/\*.*)?$/, '') : undefined)
    const sourceDir = rootDir === undefined ? undefined : joinPath(dir, rootDir)
    if (sourceDir === undefined) return undefined
    const source = resolveModule(joinPath(sourceDir, relativePath(outDir, path))!, (p) => project.cache.exists(p))
    if (source === undefined) return undefined
    const span = lines.span(outDirNode!.offset, outDirNode!.offset + outDirNode!.length)
    return { path: source, hops: [{ span, label: `${path} is built from ${source} (${file} outDir)` }] }
  }
  return undefined
}

const appStart: SeedTool = {
  id: 'app-start',
  title: 'Application start code',
  docs: 'https://sequelize.org/docs/v6/core-concepts/model-basics/#model-synchronization',
  environmentVariable: 'NODE_ENV',
  ...startCodeMatchers(entryOf, (project) => project.startModules),
}
export default appStart
