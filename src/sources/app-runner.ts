// https://docs.aws.amazon.com/apprunner/latest/dg/config-file-ref.html
import type { ExecutionContext } from '../model/context.js'
import type { ProductionReason } from '../model/production.js'
import { envVarReasons } from '../production/evidence.js'
import { dirnameOf } from '../util/paths.js'
import type { YamlNode, YamlView } from '../util/yaml.js'
import type { SourceReader } from './types.js'
import { yamlCommandContext } from './yaml-command.js'
import { loadYamlFile } from './yaml-file.js'

type Env = Record<string, string>

/**
 * An AWS App Runner source-code service builds and runs the code by `apprunner.yaml` in its source
 * directory on every deployment: `build.commands` (`pre-build`, `build`, `post-build`) build the
 * image, `run.pre-run` runs after the app is copied into the run image, `run.command` starts every
 * instance. The service (and so whether it is production) is set in AWS, never in the file: only a
 * `run.env` naming a non-production runtime says otherwise.
 */
const appRunner: SourceReader = {
  id: 'app-runner',
  rejectedBy: 'App Runner',
  title: 'AWS App Runner (apprunner.yaml)',
  docs: 'https://docs.aws.amazon.com/apprunner/latest/dg/config-file-ref.html',
  files: ['**/apprunner.yaml', '**/apprunner.yml'],
  read(file, project, config) {
    const loaded = loadYamlFile(file, project)
    if ('problem' in loaded) return { contexts: [], problems: [loaded.problem] }
    const { view } = loaded
    const build = view.get(view.root, 'build')
    const run = view.get(view.root, 'run')
    const runEnv = appRunnerEnv(view, run)
    const reasons: ProductionReason[] = envVarReasons(runEnv, config, view.span(view.get(run, 'env') ?? run)).filter((r) => !r.towards)
    const commands = view.get(build, 'commands')
    const phases: [YamlNode | undefined, string, Env, string][] = [
      [commands, 'pre-build', appRunnerEnv(view, build), 'runs `build.commands.pre-build` in every deployment build'],
      [commands, 'build', appRunnerEnv(view, build), 'runs `build.commands.build` in every deployment build'],
      [commands, 'post-build', appRunnerEnv(view, build), 'runs `build.commands.post-build` in every deployment build'],
      // UNVERIFIED: the reference says pre-run runs after the app is copied into the run image; its access to the service's network is not stated
      [run, 'pre-run', runEnv, 'runs `run.pre-run` on every deployment, once the app is in the run image'],
      [run, 'command', runEnv, 'starts every instance with `run.command`'],
    ]
    const contexts: ExecutionContext[] = phases.flatMap(([node, key, env, when]) =>
      yamlCommandContext({ view, file, node, key, id: key, label: `App Runner \`${key}\``, phase: `App Runner ${when}`, reasons, cwd: dirnameOf(file), env }, config) ?? [],
    )
    return { contexts, problems: [] }
  },
}
export default appRunner

/** `env: [{ name, value }]` of a section, with `run.secrets` (values in Secrets Manager or SSM) kept recognisable as secrets */
function appRunnerEnv(view: YamlView, section: YamlNode | undefined): Env {
  const env: Env = {}
  for (const item of view.items(view.get(section, 'env'))) {
    const name = view.string(view.get(item, 'name'))
    if (name !== undefined) env[name] = view.string(view.get(item, 'value')) ?? ''
  }
  for (const item of view.items(view.get(section, 'secrets'))) {
    const name = view.string(view.get(item, 'name'))
    if (name !== undefined) env[name] = `<secret ${name}>`
  }
  return env
}
