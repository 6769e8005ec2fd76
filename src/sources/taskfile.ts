// https://taskfile.dev/docs/guide/running-tasks : a Taskfile's tasks named for deploying or for
// production are entry points: `task deploy:prod` is typed by a person or run by a pipeline outside
// the repository (named-targets.ts); what each runs is the task runner's (shell/runners/task.ts).
import type { ExecutionContext } from '../model/context.js'
import { TASKFILE_NAMES } from '../shell/runners/task.js'
import { parseYamlOf, YamlView } from '../util/yaml.js'
import { basenameOf } from '../util/paths.js'
import { namedTargetContext } from './named-targets.js'
import type { SourceReader } from './types.js'

const taskfile: SourceReader = {
  id: 'taskfile',
  title: 'Taskfile deploy tasks',
  docs: 'https://taskfile.dev/docs/guide/running-tasks',
  files: TASKFILE_NAMES.map((name) => `**/${name}`),
  read(file, project, config) {
    const lines = project.cache.get(file)
    const parsed = lines && parseYamlOf(lines)
    // a Taskfile that does not parse is Task's to refuse; the runner reports it where a path runs it
    if (!lines || !parsed || parsed.error) return { contexts: [], problems: [] }
    const view = new YamlView(parsed.doc, lines)
    const contexts: ExecutionContext[] = []
    for (const { key, keyNode } of view.entries(view.get(view.root, 'tasks'))) {
      const span = view.span(keyNode)
      const context = namedTargetContext('Taskfile task', file, { name: key, at: span.start.offset, span }, { runner: 'task', options: `-t ${basenameOf(file)}` }, config)
      if (context) contexts.push(context)
    }
    return { contexts, problems: [] }
  },
}
export default taskfile
