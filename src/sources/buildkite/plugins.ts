// Step `plugins:`: https://buildkite.com/docs/pipelines/integrations/plugins/using . A plugin is a
// repository of hooks from outside this one; what its documentation says it does is read here.
import type { Project } from '../../project/project.js'
import type { Span } from '../../model/span.js'
import type { YamlNode, YamlView } from '../../util/yaml.js'
import { composeServiceEnvironment } from '../compose.js'
import { yamlOf } from '../docker/files.js'

export interface PluginReading {
  /** variables the command sees where the plugin runs it (a compose service's environment) */
  env: Record<string, string>
  /** host names of the databases it starts beside the command (the compose file's services) */
  services: string[]
  /** for the step's label: where the command runs */
  where?: string
  /** what the plugin may run that no file shows, at its place */
  unresolved: { why: string; span: Span }[]
}

// configuration keys through which a plugin takes commands to run
const COMMAND_KEYS = /^(command|commands|cmd|run|script|scripts|entrypoint|shell|exec)$/

/** `plugins:` as a list of `name#version: config` maps or names, or (older) one map of them */
function pluginEntries(view: YamlView, node: YamlNode | undefined): { name: string; config: YamlNode | undefined; span: Span }[] {
  const items = view.items(node).length > 0 ? view.items(node) : [node]
  return items.flatMap((item) => {
    const single = view.string(item)
    if (single !== undefined) return [{ name: single, config: undefined, span: view.span(item) }]
    return view.entries(item).map(({ key, keyNode, value }) => ({ name: key, config: value, span: view.span(keyNode) }))
  })
}

/** `docker-compose#v5.0.0`, `buildkite-plugins/docker-compose-buildkite-plugin#v5` → `docker-compose` */
function shortName(name: string): string {
  return name.replace(/#.*$/, '').replace(/^.*\//, '').replace(/-buildkite-plugin$/, '')
}

export function readPlugins(view: YamlView, node: YamlNode | undefined, env: Record<string, string>, project: Project): PluginReading {
  const reading: PluginReading = { env: {}, services: [], unresolved: [] }
  for (const { name, config, span } of pluginEntries(view, node)) {
    const short = shortName(name)
    if (short === 'docker-compose') {
      const service = view.string(view.get(config, 'run'))
      if (service === undefined) continue
      // the plugin's own `command:` replaces the step's: a list of words this reader does not follow
      if (view.get(config, 'command') !== undefined) reading.unresolved.push({ why: `the docker-compose plugin runs its own \`command:\` in service \`${service}\``, span })
      // without `config:`, COMPOSE_FILE or docker-compose.yml: https://github.com/buildkite-plugins/docker-compose-buildkite-plugin#configuration
      const files = view.strings(view.get(config, 'config'))
      const chosen = files.length > 0 ? files : (env.COMPOSE_FILE ?? 'docker-compose.yml').split(':')
      const found = chosen.map((file) => ({ file: file.replace(/^\.\//, ''), environment: composeServiceEnvironment(project, file.replace(/^\.\//, ''), service) })).filter((f) => f.environment)
      if (found.length === 0) {
        reading.unresolved.push({ why: `the docker-compose plugin runs the command in service \`${service}\` of ${chosen.join(', ')}, which is not in the repository`, span })
        continue
      }
      for (const { environment } of found) Object.assign(reading.env, environment)
      reading.services.push(...found.flatMap(({ file }) => composeServices(project, file)))
      reading.where = `in compose service \`${service}\` of ${found.map((f) => f.file).join(', ')}`
      continue
    }
    // the docker plugin runs the step's own command in an image: https://github.com/buildkite-plugins/docker-buildkite-plugin
    if (short === 'docker') continue
    const runs = view.entries(config).find(({ key }) => COMMAND_KEYS.test(key))
    if (runs) reading.unresolved.push({ why: `plugin \`${name}\` takes commands (\`${runs.key}:\`) and runs them in ways its hooks decide`, span })
  }
  return reading
}

/** the services a compose file names: the host names its containers reach each other by */
function composeServices(project: Project, file: string): string[] {
  const compose = yamlOf(project, file)
  return compose ? compose.entries(compose.get(compose.root, 'services')).map((e) => e.key) : []
}
