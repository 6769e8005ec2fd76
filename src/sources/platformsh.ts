// https://docs.upsun.com/create-apps/hooks/hooks-comparison.html
import type { SeedguardConfig } from '../config/types.js'
import type { ExecutionContext } from '../model/context.js'
import type { RuntimeEnvironment } from '../model/runtime.js'
import { dirnameOf, joinPath } from '../util/paths.js'
import type { YamlNode, YamlView } from '../util/yaml.js'
import type { SourceReader } from './types.js'
import { yamlCommandContext } from './yaml-command.js'
import { loadYamlFile } from './yaml-file.js'

/**
 * Platform.sh and Upsun run an app's `hooks.deploy` on every deploy and `hooks.post_deploy` after
 * it (also on redeploys without code changes), in every environment: the production environment
 * (the default branch's) included, with its services and runtime variables. `hooks.build` runs
 * before any service is reachable, so a seed there cannot reach a database and is not read.
 * Hooks are told apart by `PLATFORM_ENVIRONMENT_TYPE` (`production`, `staging`, `development`;
 * https://docs.upsun.com/create-apps/hooks/vary-hooks-by-environment.html): the production
 * deploy is judged with it set to `production`, so a hook guarded on another type is silent there.
 */
const PRODUCTION_ENVIRONMENT: RuntimeEnvironment = {
  unset: 'unknown',
  label: 'the Platform.sh / Upsun production environment',
  values: { PLATFORM_ENVIRONMENT_TYPE: 'production' },
  valuesBy: 'Platform.sh / Upsun in the production environment',
}

const HOOKS = [
  { key: 'deploy', when: 'runs `hooks.deploy` on every deploy of every environment, production included' },
  { key: 'post_deploy', when: 'runs `hooks.post_deploy` after every deploy and redeploy of every environment, production included' },
]

const platformsh: SourceReader = {
  id: 'platformsh',
  rejectedBy: 'Platform.sh',
  title: 'Platform.sh / Upsun app configuration',
  docs: 'https://docs.upsun.com/create-apps/hooks/hooks-comparison.html',
  files: ['**/.platform.app.yaml', '.platform/applications.yaml', '.upsun/*.yaml', '.upsun/*.yml'],
  read(file, project, config) {
    const loaded = loadYamlFile(file, project)
    if ('problem' in loaded) return { contexts: [], problems: [loaded.problem] }
    const { view } = loaded
    return { contexts: appsOf(view, file).flatMap(({ name, node, cwd }) => readApp(view, file, name, node, cwd, config)), problems: [] }
  },
}
export default platformsh

interface App {
  name: string
  node: YamlNode | undefined
  cwd: string
}

/**
 * `.platform.app.yaml` is one app, in its own directory; `.platform/applications.yaml` lists apps
 * and `.upsun/config.yaml` maps names to apps, each rooted at `source.root` from the repository root.
 */
function appsOf(view: YamlView, file: string): App[] {
  const rooted = (node: YamlNode | undefined, name: string): App => ({ name, node, cwd: joinPath('.', view.string(view.get(view.get(node, 'source'), 'root')) ?? '.') ?? '.' })
  if (file.endsWith('.platform.app.yaml')) return [{ name: view.string(view.get(view.root, 'name')) ?? 'app', node: view.root, cwd: dirnameOf(file) }]
  if (file.startsWith('.platform/')) return view.items(view.root).map((node, i) => rooted(node, view.string(view.get(node, 'name')) ?? `#${i + 1}`))
  return view.entries(view.get(view.root, 'applications')).flatMap((e) => (e.value !== undefined ? [rooted(e.value, e.key)] : []))
}

function readApp(view: YamlView, file: string, name: string, node: YamlNode | undefined, cwd: string, config: SeedguardConfig): ExecutionContext[] {
  const env = view.record(view.get(view.get(node, 'variables'), 'env'))
  const hooks = view.get(node, 'hooks')
  return HOOKS.flatMap((hook) =>
    yamlCommandContext({
      view,
      file,
      node: hooks,
      key: hook.key,
      id: `${name}.hooks.${hook.key}`,
      label: `Platform.sh \`hooks.${hook.key}\` of app \`${name}\``,
      phase: `Platform.sh ${hook.when}`,
      reasons: [],
      cwd,
      env,
      runtime: PRODUCTION_ENVIRONMENT,
    }, config) ?? [],
  )
}
