// https://cloud.google.com/appengine/docs/standard/reference/app-yaml
import type { SeedguardConfig } from '../config/types.js'
import type { Artifacts } from '../production/deployments.js'
import { nameVerdict } from '../production/evidence.js'
import type { Project } from '../project/project.js'
import { basenameOf, dirnameOf } from '../util/paths.js'
import { defaultDockerfile, yamlOf } from './docker/files.js'
import { appNameReasons } from './app-name.js'
import type { SourceReader } from './types.js'
import { yamlCommandContext } from './yaml-command.js'
import { loadYamlFile } from './yaml-file.js'

/**
 * A Google App Engine service config: `gcloud app deploy` deploys it as service `service:`
 * (`default` when absent) of whichever project it targets, and every instance of that service
 * starts with `entrypoint`. `app.yaml` has no deploy hooks. The project and version are chosen on
 * the command line, so only the service's name, the file's name or its `env_variables` can say the
 * service is not production.
 */
const appEngine: SourceReader = {
  id: 'app-engine',
  rejectedBy: 'App Engine',
  title: 'Google App Engine app.yaml',
  docs: 'https://cloud.google.com/appengine/docs/standard/reference/app-yaml',
  // `gcloud app deploy app-staging.yaml`: other names are deployed explicitly
  files: ['**/app.yaml', '**/app.yml', '**/app[-._]*.yaml', '**/app[-._]*.yml'],
  candidates: true,
  read(file, project, config) {
    // a file of this name that is not YAML is another tool's: nothing to say
    const loaded = loadYamlFile(file, project)
    if ('problem' in loaded) return { contexts: [], problems: [] }
    const { view } = loaded
    // App Engine's has a `runtime:` name; a DigitalOcean app spec (also `app.yaml`) lists `services:`
    if (view.string(view.get(view.root, 'runtime')) === undefined || view.items(view.get(view.root, 'services')).length > 0) return { contexts: [], problems: [] }
    const serviceNode = view.get(view.root, 'service')
    const service = view.string(serviceNode) ?? 'default'
    const env = view.record(view.get(view.root, 'env_variables'))
    const names = [
      { what: 'App Engine service', name: service, span: view.span(serviceNode ?? view.root) },
      { what: 'App Engine config', name: basenameOf(file), span: view.lines.span(0, 0) },
    ]
    const reasons = appNameReasons(names, env, view.span(view.get(view.root, 'env_variables') ?? view.root), config)
    const context = yamlCommandContext({
      view,
      file,
      node: view.root,
      key: 'entrypoint',
      id: `${service}.entrypoint`,
      label: `App Engine \`entrypoint\` of service \`${service}\``,
      phase: `App Engine starts every instance of service \`${service}\` with \`entrypoint\` after every \`gcloud app deploy\``,
      reasons,
      cwd: dirnameOf(file),
      env,
    }, config)
    return { contexts: context ? [context] : [], problems: [] }
  },
  deploys: { read: customRuntimeImage },
}
export default appEngine

/**
 * The flexible environment's custom runtime (`runtime: custom`, `env: flex`) builds the Dockerfile
 * beside app.yaml and runs it as the service
 * (https://cloud.google.com/appengine/docs/flexible/custom-runtimes/build).
 */
function customRuntimeImage(file: string, project: Project, config: SeedguardConfig, out: Artifacts): void {
  const view = yamlOf(project, file)
  if (!view || view.string(view.get(view.root, 'runtime')) !== 'custom' || view.string(view.get(view.root, 'env')) !== 'flex') return
  const dir = dirnameOf(file)
  const dockerfile = defaultDockerfile(project, dir)
  if (!dockerfile) return
  const service = view.string(view.get(view.root, 'service')) ?? 'default'
  const production = nameVerdict(`${basenameOf(file)} ${service}`, config) === 'not-production' ? 'not-production' : 'production'
  out.images.push({ dockerfile, context: dir, production, via: 'platform', detail: `App Engine builds it for service \`${service}\` (${file})`, span: view.span(view.root), env: view.record(view.get(view.root, 'env_variables')) })
}
