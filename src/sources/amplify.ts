// https://docs.aws.amazon.com/amplify/latest/userguide/yml-specification-syntax.html
import type { ExecutionContext } from '../model/context.js'
import { envVarReasons } from '../production/evidence.js'
import { joinPath } from '../util/paths.js'
import type { YamlNode, YamlView } from '../util/yaml.js'
import type { SourceReader } from './types.js'
import { yamlCommandContext } from './yaml-command.js'
import { loadYamlFile } from './yaml-file.js'

const PHASES = ['preBuild', 'build', 'postBuild'] as const

/**
 * AWS Amplify Hosting builds every connected branch with the `amplify.yml` at the repository's root,
 * which overrides the build settings saved in the console: `backend`, `frontend` and `test`, each in
 * phases `preBuild`, `build`, `postBuild`, run on every deploy of the branch. Which branch is
 * production is set in the console, never in the file, and the same commands build it: production.
 * A monorepo lists its apps under `applications`, each run from its `appRoot`
 * (https://docs.aws.amazon.com/amplify/latest/userguide/monorepo-configuration.html). The `test`
 * phase runs end-to-end tests before the deploy: it runs in production builds too, but is meant for
 * test data, so what it seeds is uncertain.
 */
const amplify: SourceReader = {
  id: 'amplify',
  rejectedBy: 'Amplify',
  title: 'AWS Amplify Hosting (amplify.yml)',
  docs: 'https://docs.aws.amazon.com/amplify/latest/userguide/yml-specification-syntax.html',
  files: ['amplify.yml', 'amplify.yaml'],
  read(file, project, config) {
    const loaded = loadYamlFile(file, project)
    if ('problem' in loaded) return { contexts: [], problems: [loaded.problem] }
    const { view } = loaded
    const apps = view.items(view.get(view.root, 'applications'))
    const contexts = apps.length > 0 ? apps.flatMap((app, i) => appContexts(view, file, app, joinPath('.', view.string(view.get(app, 'appRoot')) ?? '.') ?? '.', `app #${i + 1}`, config)) : appContexts(view, file, view.root, '.', undefined, config)
    return { contexts, problems: [] }
  },
}
export default amplify

function appContexts(view: YamlView, file: string, app: YamlNode | undefined, cwd: string, appLabel: string | undefined, config: Parameters<SourceReader['read']>[2]): ExecutionContext[] {
  const env = view.record(view.get(view.get(app, 'env'), 'variables'))
  const reasons = envVarReasons(env, config, view.span(view.get(app, 'env') ?? app)).filter((r) => !r.towards)
  const where = cwd === '.' ? '' : ` of \`${cwd}\``
  return (['backend', 'frontend', 'test'] as const).flatMap((section) =>
    PHASES.flatMap((phase) => {
      const node = view.get(view.get(view.get(app, section), 'phases'), phase)
      const name = `${section}.phases.${phase}`
      const when = section === 'test' ? `Amplify runs the \`test\` phase${where} before deploying each branch; it is meant for test data` : `Amplify runs \`${name}\`${where} on every deploy of each connected branch, the production branch too`
      return yamlCommandContext({ view, file, node, key: 'commands', id: `${appLabel ?? 'app'}/${name}`, label: `Amplify \`${name}\`${where}`, phase: when, weak: section === 'test', reasons, cwd, env }, config) ?? []
    }),
  )
}
