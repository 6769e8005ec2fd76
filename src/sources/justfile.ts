// https://just.systems/man/en/ : a justfile's recipes named for deploying or for production are
// entry points: `just deploy-prod` is typed by a person or run by a pipeline outside the repository
// (named-targets.ts); what each runs is the just runner's (shell/runners/just.ts).
import type { ExecutionContext } from '../model/context.js'
import { parseJustfile } from '../shell/justfile.js'
import { JUSTFILE_NAMES } from '../shell/runners/just.js'
import { basenameOf } from '../util/paths.js'
import { namedTargetContext } from './named-targets.js'
import type { SourceReader } from './types.js'

const justfile: SourceReader = {
  id: 'justfile',
  title: 'justfile deploy recipes',
  docs: 'https://just.systems/man/en/',
  files: [...JUSTFILE_NAMES.map((name) => `**/${name}`), '**/*.just'],
  read(file, project, config) {
    const lines = project.cache.get(file)
    if (!lines) return { contexts: [], problems: [] }
    const contexts: ExecutionContext[] = []
    for (const [name, recipe] of parseJustfile(lines).recipes) {
      // an alias is the same recipe by another name: one entry point
      if (recipe.name !== name || recipe.attributes.has('private') || name.startsWith('_')) continue
      const span = lines.span(recipe.at, recipe.at + name.length)
      const context = namedTargetContext('justfile recipe', file, { name, at: recipe.at, span }, { runner: 'just', options: `-f ${basenameOf(file)}` }, config)
      if (context) contexts.push(context)
    }
    return { contexts, problems: [] }
  },
}
export default justfile
