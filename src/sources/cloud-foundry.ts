// https://docs.cloudfoundry.org/devguide/deploy-apps/manifest-attributes.html
import type { SeedguardConfig } from '../config/types.js'
import type { ExecutionContext } from '../model/context.js'
import { basenameOf, dirnameOf, joinPath } from '../util/paths.js'
import type { YamlNode, YamlView } from '../util/yaml.js'
import { appNameReasons, type AppName } from './app-name.js'
import type { SourceReader } from './types.js'
import { yamlCommandContext, type YamlCommand } from './yaml-command.js'
import { loadYamlFile } from './yaml-file.js'

/**
 * A Cloud Foundry app manifest: `cf push` pushes each of its `applications` to the targeted space
 * (chosen by `cf target`, outside the file), so the same manifest goes to production unless the
 * app's name, the manifest's name or its `env` says otherwise. The start command runs on every
 * instance start, which is where the documented migration pattern lives
 * (`command: bundle exec rake cf:on_first_instance db:migrate && rails s`,
 * https://docs.cloudfoundry.org/buildpacks/ruby/rake-config.html). Tasks (`cf run-task`) are not
 * in the manifest: a CI script that runs one is read as that script.
 */
const cloudFoundry: SourceReader = {
  id: 'cloud-foundry',
  rejectedBy: 'Cloud Foundry',
  title: 'Cloud Foundry app manifest (manifest.yml)',
  docs: 'https://docs.cloudfoundry.org/devguide/deploy-apps/manifest-attributes.html',
  // manifest.yml, manifest-staging.yml, manifest.prod.yaml; many other tools use these names too
  files: ['**/manifest.yml', '**/manifest.yaml', '**/manifest[-._]*.yml', '**/manifest[-._]*.yaml'],
  candidates: true,
  read(file, project, config) {
    // a file of this name that is not YAML is another tool's: nothing to say
    const loaded = loadYamlFile(file, project)
    if ('problem' in loaded) return { contexts: [], problems: [] }
    const { view } = loaded
    const apps = view.items(view.get(view.root, 'applications'))
    // only a Cloud Foundry manifest has a top-level `applications` list of named apps
    if (apps.length === 0 || !apps.every((app) => view.string(view.get(app, 'name')) !== undefined)) return { contexts: [], problems: [] }
    return { contexts: apps.flatMap((app) => readApp(view, file, app, config)), problems: [] }
  },
}
export default cloudFoundry

function readApp(view: YamlView, file: string, app: YamlNode, config: SeedguardConfig): ExecutionContext[] {
  const name = view.string(view.get(app, 'name'))!
  const nameSpan = view.span(view.get(app, 'name'))
  const env = view.record(view.get(app, 'env'))
  const names: AppName[] = [{ what: 'Cloud Foundry app', name, span: nameSpan }, { what: 'manifest', name: basenameOf(file), span: view.lines.span(0, 0) }]
  const reasons = appNameReasons(names, env, view.span(view.get(app, 'env') ?? app), config)
  // `((var))` is filled in by `cf push --var/--vars-file`: which app it becomes is not in the repository
  const weak = name.includes('((')
  const cwd = appDirectory(file, view.string(view.get(app, 'path')))
  const base = { view, file, reasons, cwd, env, ...(weak && { weak }) }
  const commands: (YamlCommand | undefined)[] = [
    { ...base, node: app, key: 'command', id: `${name}.command`, label: `Cloud Foundry start \`command\` of app \`${name}\``, phase: phaseOf(name, 'runs `command` on every start of every instance of app') },
  ]
  // CAPI v3 process types (web, worker) each start with their own command
  for (const process of view.items(view.get(app, 'processes'))) {
    const type = view.string(view.get(process, 'type')) ?? 'web'
    commands.push({ ...base, node: process, key: 'command', id: `${name}.processes.${type}`, label: `Cloud Foundry process \`${type}\` of app \`${name}\``, phase: phaseOf(name, `starts every \`${type}\` instance of app`) })
  }
  // sidecars run beside the app's processes, started with them (https://docs.cloudfoundry.org/devguide/sidecars.html)
  for (const sidecar of view.items(view.get(app, 'sidecars'))) {
    const sidecarName = view.string(view.get(sidecar, 'name')) ?? 'sidecar'
    commands.push({ ...base, node: sidecar, key: 'command', id: `${name}.sidecars.${sidecarName}`, label: `Cloud Foundry sidecar \`${sidecarName}\` of app \`${name}\``, phase: phaseOf(name, `starts sidecar \`${sidecarName}\` with every instance of app`) })
  }
  return commands.flatMap((c) => (c && yamlCommandContext(c, config)) ?? [])
}

function phaseOf(name: string, what: string): string {
  return `Cloud Foundry ${what} \`${name}\` after every \`cf push\`${name.includes('((') ? ' (the name is set at push time, so which space it lands in is unknown)' : ''}`
}

/** `path:` is the app's directory (or an archive) relative to the manifest */
function appDirectory(file: string, path: string | undefined): string {
  const dir = dirnameOf(file)
  if (path === undefined || /\.(jar|war|zip)$/i.test(path)) return dir
  return joinPath(dir, path) ?? dir
}
