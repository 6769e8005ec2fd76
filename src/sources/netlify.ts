// https://docs.netlify.com/build/configure-builds/file-based-configuration/
import { envVarReasons } from '../production/evidence.js'
import type { ContextStep, ExecutionContext } from '../model/context.js'
import type { ProductionReason } from '../model/production.js'
import type { Span } from '../model/span.js'
import { dirnameOf, joinPath } from '../util/paths.js'
import { TomlView } from '../util/toml.js'
import type { SourceReader } from './types.js'

// deploy contexts that never publish the production site (netlify/primitives SUPPORTED_CONTEXTS)
const NOT_PRODUCTION = new Set(['deploy-preview', 'branch-deploy', 'dev', 'dev-server', 'preview-server'])

/**
 * netlify.toml: `[build]` settings apply to every deploy context unless a more specific
 * `[context.<name>]` replaces them; `production` is the production branch's deploys, a branch
 * name (`[context.main]`) that branch's deploys, the rest previews and local development.
 */
const netlify: SourceReader = {
  id: 'netlify',
  rejectedBy: 'Netlify',
  title: 'Netlify',
  docs: 'https://docs.netlify.com/build/configure-builds/file-based-configuration/',
  files: ['**/netlify.toml'],
  read(file, project, config) {
    const lines = project.cache.get(file)
    if (!lines) return { contexts: [], problems: [] }
    const parsed = TomlView.parse(lines)
    if ('error' in parsed) return { contexts: [], problems: [{ rule: 'parse-error', message: parsed.error.message, span: parsed.error.span }] }
    const { view } = parsed
    const contexts: ExecutionContext[] = []
    const envOf = (prefix: string) => Object.fromEntries(view.childrenOf(`${prefix}.environment`).flatMap((k) => {
      const value = view.string(`${prefix}.environment.${k}`)?.value
      return value === undefined ? [] : [[k, value]]
    }))
    // `base` is relative to the repository root; a netlify.toml below the root was found there
    // because it is the base directory
    const cwdOf = (prefix: string) => {
      const base = view.string(`${prefix}.base`)?.value ?? view.string('build.base')?.value
      return (base === undefined ? dirnameOf(file) : joinPath('.', base)) ?? dirnameOf(file)
    }
    const buildEnv = envOf('build')
    const add = (prefix: string, label: string, reasons: ProductionReason[], extraEnv: Record<string, string>) => {
      const command = view.string(`${prefix}.command`)
      const source = command && view.shellSource(command.node)
      const key = view.entries.get(`${prefix}.command`)?.key
      if (!command || !source || !key) return
      const span = view.span(command.node)
      const env = { ...buildEnv, ...envOf(prefix), ...extraEnv }
      const step: ContextStep = { label: 'runs in every build of this deploy context', span, source, cwd: cwdOf(prefix), env, reasons: envVarReasons(env, config, span) }
      contexts.push({ id: `${file}#${prefix}`, label: `${label} in ${file}`, span: key, reasons, steps: [step] })
    }
    const names = view.childrenOf('context').filter((name) => view.entries.has(`context.${name}.command`))
    const branchOf = (name: string) => name.replace(/^branch:/, '')
    const isProduction = (name: string) => name === 'production' || (!NOT_PRODUCTION.has(name) && config.defaultBranches.includes(branchOf(name)))
    for (const name of names) {
      const prefix = `context.${name}`
      const at = view.entries.get(`${prefix}.command`)!.key
      const label = `Netlify [context.${/^[\w-]+$/.test(name) ? name : JSON.stringify(name)}] command`
      if (isProduction(name)) add(prefix, label, [phase(`Netlify builds ${name === 'production' ? 'every production deploy' : `deploys of the production branch \`${branchOf(name)}\``} with this command`, at)], { CONTEXT: 'production', ...(name === 'production' ? {} : { BRANCH: branchOf(name) }) })
      else add(prefix, label, [{ kind: 'environment', towards: false, detail: `Netlify deploy context \`${name}\` is not production`, span: at }], NOT_PRODUCTION.has(name) ? { CONTEXT: name } : { CONTEXT: 'branch-deploy', BRANCH: branchOf(name) })
    }
    const replacedBy = names.find(isProduction)
    const buildKey = view.entries.get('build.command')?.key
    if (buildKey) {
      // replaced on production deploys when `[context.production]` (or the production branch's context) has its own command
      const reasons: ProductionReason[] = replacedBy !== undefined
        ? [{ kind: 'environment', towards: false, detail: `\`[context.${replacedBy}] command\` replaces it on production deploys`, span: buildKey }]
        : [phase('Netlify builds every deploy, production included, with `[build] command`', buildKey)]
      add('build', 'Netlify [build] command', reasons, {})
    }
    // before any command, Netlify installs the base directory's dependencies: their install
    // scripts run on every deploy
    const cwd = cwdOf('build')
    if (project.packages.has(cwd)) {
      const span = buildKey ?? view.entries.get('build.base')?.key ?? lines.span(0, 0)
      contexts.push({ id: `${file}#install`, label: `Netlify dependency install in ${file}`, span, reasons: [phase('Netlify installs dependencies before every build', span)], steps: [{ label: `dependency install in ${cwd}`, span, cwd, env: buildEnv, reasons: [], invoke: [{ kind: 'install', packageDir: cwd, via: 'Netlify installs dependencies' }] }] })
    }
    return { contexts, problems: [] }
  },
}
export default netlify

function phase(detail: string, span: Span): ProductionReason {
  return { kind: 'platform-phase', towards: true, detail, span }
}
