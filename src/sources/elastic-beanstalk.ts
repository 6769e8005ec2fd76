// https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/platforms-linux-extend.hooks.html
import { envVarReasons } from '../production/evidence.js'
import type { SeedguardConfig } from '../config/types.js'
import type { ExecutionContext, ShellSource } from '../model/context.js'
import type { ProductionReason } from '../model/production.js'
import type { Project } from '../project/project.js'
import { shellSourceOfArgv } from '../util/exec-form.js'
import { dirnameOf, joinPath } from '../util/paths.js'
import { shellOfScript } from '../util/shebang.js'
import { parseYamlOf, YamlView, type YamlNode } from '../util/yaml.js'
import type { Problem, SourceReader } from './types.js'

// Every environment of an application (production, staging) deploys the same source bundle, and
// nothing in the bundle says which one receives it: what runs on each deployment runs on the
// production one too, as a Procfile's `release:` does on Heroku.
const EVERY_ENVIRONMENT = 'every environment this bundle is deployed to, production included'

// the three hook folders (platform hooks docs); confighooks run the same way on a configuration
// deployment, such as a changed environment property
const PHASES = new Set(['prebuild', 'predeploy', 'postdeploy'])

// `.ebextensions` sections that run commands (customize-containers-ec2 docs): `commands` before
// the source is extracted, `container_commands` in the staging directory before it goes live
const SECTIONS = {
  commands: 'runs on each instance on every deployment, before the application is extracted',
  container_commands: 'runs on every deployment, after the application is staged and before it goes live',
} as const

/** `.platform/hooks/<phase>/<file>`: a shell hook file run on every deployment. */
function readHook(file: string, project: Project): ExecutionContext[] {
  const [, kind, phase] = /(?:^|\/)\.platform\/(hooks|confighooks)\/([^/]+)\/[^/]+$/.exec(file) ?? []
  const lines = project.cache.get(file)
  const shell = lines && shellOfScript(lines.text)
  if (!kind || !phase || !PHASES.has(phase) || !lines || !shell) return []
  const span = lines.span(0, lines.lineText(1).length)
  const deployment = kind === 'hooks' ? 'application deployment' : 'configuration deployment'
  const reason: ProductionReason = { kind: 'platform-phase', towards: true, detail: `Elastic Beanstalk runs .platform/${kind}/${phase} on every ${deployment} to ${EVERY_ENVIRONMENT}`, span }
  // hooks run from the extracted bundle, whose root holds `.platform`
  const root = dirnameOf(dirnameOf(dirnameOf(dirnameOf(file))))
  return [
    {
      id: file,
      label: `Elastic Beanstalk \`${phase}\` ${kind === 'hooks' ? 'hook' : 'configuration hook'}`,
      span,
      reasons: [reason],
      ownDatabase: true,
      steps: [{ label: `hook ${file}`, span, source: { text: lines.text, offsets: (i) => i, file, shell }, cwd: root, env: {}, reasons: [] }],
    },
  ]
}

/** `.ebextensions/*.config`: the `commands` and `container_commands` of one configuration file. */
function readConfig(file: string, project: Project, config: SeedguardConfig): { contexts: ExecutionContext[]; problems: Problem[] } {
  const lines = project.cache.get(file)
  if (!lines) return { contexts: [], problems: [] }
  const { doc, error } = parseYamlOf(lines)
  // `.ebextensions` is Elastic Beanstalk's alone: a file there that does not parse is skipped by the platform
  if (error) return { contexts: [], problems: [{ rule: 'parse-error', message: `invalid YAML: ${error.message}`, span: lines.span(error.offset, error.offset + 1) }] }
  const view = new YamlView(doc, lines)
  const root = dirnameOf(dirnameOf(file))
  const properties = environmentProperties(project, dirnameOf(file))
  const contexts: ExecutionContext[] = []
  for (const [section, when] of Object.entries(SECTIONS)) {
    for (const { key, keyNode, value } of view.entries(view.get(view.root, section))) {
      const node = view.get(value, 'command')
      const command = commandSource(view, node)
      if (!command) continue
      const test = view.shellSource(view.get(value, 'test'), 'sh')
      const leader = section === 'container_commands' && view.string(view.get(value, 'leader_only')) === 'true'
      const span = view.span(keyNode)
      const env = { ...properties, ...view.record(view.get(value, 'env')) }
      const cwd = joinPath(root, view.string(view.get(value, 'cwd')) ?? '.') ?? root
      const reason: ProductionReason = { kind: 'platform-phase', towards: true, detail: `\`${section}\` ${when}${leader ? ' (on one instance: leader_only)' : ''}, on ${EVERY_ENVIRONMENT}`, span }
      contexts.push({
        id: `${file}#${section}.${key}`,
        label: `Elastic Beanstalk ${section === 'commands' ? 'command' : 'container command'} \`${key}\` in ${file}`,
        span,
        reasons: [reason],
        ownDatabase: true,
        steps: [{ label: test ? '`command` (when `test` succeeds)' : '`command`', span: view.span(node), source: test ? guardedBy(test, command) : command, cwd, env, reasons: envVarReasons(env, config, span) }],
      })
    }
  }
  return { contexts, problems: [] }
}

/** a string runs in a shell; a list runs without one (customize-containers-ec2 docs, `commands`) */
function commandSource(view: YamlView, node: YamlNode | undefined): ShellSource | undefined {
  const text = view.shellSource(node, 'sh')
  if (text) return text.text.trim() === '' ? undefined : text
  const argv = view.argv(node)
  return argv.length > 0 ? shellSourceOfArgv(argv, view.lines) : undefined
}

/**
 * A command with a `test:` runs only when the test succeeds: read as `if <test>; then <command>; fi`
 * so the walker weighs the test like any shell guard, each piece still mapped to its own place.
 */
function guardedBy(test: ShellSource, command: ShellSource): ShellSource {
  const [open, then, close] = ['if ', '\nthen ', '\nfi\n']
  const testAt = open.length
  const commandAt = testAt + test.text.length + then.length
  const end = commandAt + command.text.length
  return {
    text: `${open}${test.text}${then}${command.text}${close}`,
    file: command.file,
    shell: command.shell,
    offsets: (i) => (i < commandAt ? test.offsets(Math.max(0, Math.min(i - testAt, test.text.length))) : command.offsets(Math.min(i, end) - commandAt)),
  }
}

/**
 * Environment properties set by `option_settings` in any configuration file of the folder, in
 * either form: `aws:elasticbeanstalk:application:environment: {NAME: value}` or a list of
 * `{namespace, option_name, value}`. Container commands run with them.
 */
function environmentProperties(project: Project, dir: string): Record<string, string> {
  const NAMESPACE = 'aws:elasticbeanstalk:application:environment'
  const env: Record<string, string> = {}
  for (const file of project.cache.files.list()) {
    const lines = dirnameOf(file) === dir && file.endsWith('.config') ? project.cache.get(file) : undefined
    if (!lines) continue
    const { doc, error } = parseYamlOf(lines)
    if (error) continue
    const view = new YamlView(doc, lines)
    const settings = view.get(view.root, 'option_settings')
    Object.assign(env, view.record(view.get(settings, NAMESPACE)))
    for (const item of view.items(settings)) {
      const name = view.string(view.get(item, 'option_name'))
      const value = view.string(view.get(item, 'value'))
      if (view.string(view.get(item, 'namespace')) === NAMESPACE && name !== undefined && value !== undefined) env[name] = value
    }
  }
  return env
}

const elasticBeanstalk: SourceReader = {
  id: 'elastic-beanstalk',
  rejectedBy: 'Elastic Beanstalk',
  title: 'AWS Elastic Beanstalk (platform hooks, .ebextensions)',
  docs: 'https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/platforms-linux-extend.hooks.html',
  files: ['**/.platform/hooks/*/*', '**/.platform/confighooks/*/*', '**/.ebextensions/*.config'],
  read(file, project, config) {
    return file.endsWith('.config') && file.includes('.ebextensions/') ? readConfig(file, project, config) : { contexts: readHook(file, project), problems: [] }
  },
}
export default elasticBeanstalk
