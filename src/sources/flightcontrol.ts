// https://www.flightcontrol.dev/docs/reference/config
import type { SeedguardConfig } from '../config/types.js'
import type { Artifacts } from '../production/deployments.js'
import type { Project } from '../project/project.js'
import type { ExecutionContext, ShellSource } from '../model/context.js'
import type { ProductionReason } from '../model/production.js'
import { nameVerdict } from '../production/evidence.js'
import { shellSourceOfArgv } from '../util/exec-form.js'
import { jsonAt, jsonEntries, jsonString, parseJsonOf, shellSourceOfJsonString, type JsonNode } from '../util/json.js'
import type { LineIndex } from '../util/line-index.js'
import { dirnameOf, joinPath } from '../util/paths.js'
import { appNameReasons } from './app-name.js'
import type { SourceReader } from './types.js'

type Env = Record<string, string>

// each service's commands, by when Flightcontrol runs them
const COMMANDS = [
  // nixpacks builds: the install phase, then the build phase
  { key: 'installCommand', when: 'runs `installCommand` in every deployment build' },
  { key: 'buildCommand', when: 'runs `buildCommand` in every deployment build' },
  // https://flightcontrol.dev/docs/guides/advanced/predeploy-command: after the build, before the
  // deploy, in a temporary container of the runtime image with the service's environment
  { key: 'preDeployCommand', when: 'runs `preDeployCommand` before every deploy, with the service\'s environment' },
  // https://flightcontrol.dev/docs/guides/advanced/postdeploy-command
  { key: 'postDeployCommand', when: 'runs `postDeployCommand` after every successful deploy' },
  { key: 'startCommand', when: 'starts every container with `startCommand`' },
]

/**
 * flightcontrol.json lists environments, each deploying its services from one source: a branch
 * (`source.branch`), or every pull request (`source.pr: true`, preview environments). Environment
 * ids and names are free text: one named for staging or preview is not production, one named for
 * production is; otherwise the environment deploying the default branch is, and any other
 * environment is uncertain.
 */
const flightcontrol: SourceReader = {
  id: 'flightcontrol',
  rejectedBy: 'Flightcontrol',
  title: 'Flightcontrol (flightcontrol.json)',
  docs: 'https://www.flightcontrol.dev/docs/reference/config',
  files: ['**/flightcontrol.json'],
  read(file, project, config) {
    const lines = project.cache.get(file)
    if (!lines) return { contexts: [], problems: [] }
    const { root, error } = parseJsonOf(lines)
    if (error || root?.type !== 'object') {
      const offset = error?.offset ?? 0
      return { contexts: [], problems: [{ rule: 'parse-error', message: error?.message ?? 'flightcontrol.json is not a JSON object', span: lines.span(offset, offset + 1) }] }
    }
    const contexts: ExecutionContext[] = []
    const environments = jsonAt(root, ['environments'])
    for (const environment of environments?.type === 'array' ? (environments.children ?? []) : []) {
      contexts.push(...readEnvironment(file, lines, environment, config))
    }
    return { contexts, problems: [] }
  },
  deploys: { read: dockerServices },
}
export default flightcontrol

/** services with `buildType: docker` build their Dockerfile and run it in their environment */
function dockerServices(file: string, project: Project, config: SeedguardConfig, out: Artifacts): void {
  const lines = project.cache.get(file)
  const root = lines && parseJsonOf(lines).root
  if (!lines || root?.type !== 'object') return
  const environments = jsonAt(root, ['environments'])
  for (const environment of environments?.type === 'array' ? (environments.children ?? []) : []) {
    const { id, envVars, reasons, weak } = environmentEvidence(lines, environment, config)
    const production = reasons.some((r) => !r.towards) ? 'not-production' : weak ? 'unknown' : 'production'
    const services = jsonAt(environment, ['services'])
    for (const service of services?.type === 'array' ? (services.children ?? []) : []) {
      if (jsonString(jsonAt(service, ['buildType'])) !== 'docker') continue
      const dir = dirnameOf(file)
      const dockerfile = joinPath(dir, jsonString(jsonAt(service, ['dockerfilePath'])) ?? 'Dockerfile')
      if (!dockerfile || !project.cache.exists(dockerfile)) continue
      const context = joinPath(dir, jsonString(jsonAt(service, ['dockerContext'])) ?? '.') ?? dir
      const name = jsonString(jsonAt(service, ['id'])) ?? '?'
      const env = { ...envVars, ...stringsOf(jsonAt(service, ['envVariables'])) }
      out.images.push({ dockerfile, context, production, via: 'platform', detail: `Flightcontrol builds it for service \`${name}\` (environment \`${id}\`, ${file})`, span: lines.span(service.offset, service.offset + 1), env })
    }
  }
}

/** What an environment's id, name, env vars and source say about production; `weak`: the files cannot tell */
function environmentEvidence(lines: LineIndex, environment: JsonNode, config: SeedguardConfig): { id: string; envVars: Env; reasons: ProductionReason[]; weak: boolean } {
  const span = (node: JsonNode) => lines.span(node.offset, node.offset + node.length)
  const id = jsonString(jsonAt(environment, ['id'])) ?? '?'
  const envVars = stringsOf(jsonAt(environment, ['envVariables']))
  const named = (['id', 'name'] as const).flatMap((key) => {
    const node = jsonAt(environment, [key])
    const name = jsonString(node)
    return node && name !== undefined ? [{ what: 'Flightcontrol environment', name, span: span(node) }] : []
  })
  const reasons: ProductionReason[] = appNameReasons(named, envVars, span(environment), config)
  const source = jsonAt(environment, ['source'])
  const branch = jsonAt(source, ['branch'])
  const branchName = jsonString(branch)
  if (source && jsonAt(source, ['pr'])?.value === true) {
    reasons.push({ kind: 'environment', towards: false, detail: `Flightcontrol environment \`${id}\` is a preview environment for pull requests`, span: span(source) })
  } else if (reasons.length === 0) {
    // the production environment is whichever deploys the production branch
    if (!branch || branchName === undefined || !(['main', 'master'].includes(branchName) || nameVerdict(branchName, config) === 'production')) return { id, envVars, reasons, weak: true }
    reasons.push({ kind: 'environment', towards: true, detail: `Flightcontrol environment \`${id}\` deploys branch \`${branchName}\``, span: span(branch) })
  }
  return { id, envVars, reasons, weak: false }
}

function readEnvironment(file: string, lines: LineIndex, environment: JsonNode, config: SeedguardConfig): ExecutionContext[] {
  const span = (node: JsonNode) => lines.span(node.offset, node.offset + node.length)
  const { id, envVars, reasons, weak } = environmentEvidence(lines, environment, config)
  const contexts: ExecutionContext[] = []
  const services = jsonAt(environment, ['services'])
  for (const service of services?.type === 'array' ? (services.children ?? []) : []) {
    const name = jsonString(jsonAt(service, ['id'])) ?? jsonString(jsonAt(service, ['name'])) ?? '?'
    const env = { ...envVars, ...stringsOf(jsonAt(service, ['envVariables'])) }
    const base = jsonString(jsonAt(service, ['basePath']))
    const cwd = (base !== undefined ? joinPath(dirnameOf(file), base) : undefined) ?? dirnameOf(file)
    for (const command of COMMANDS) {
      const node = jsonAt(service, [command.key])
      const shell = node && commandSource(node, lines)
      if (!node || !shell?.text.trim()) continue
      const keyNode = node.parent?.children?.[0] ?? node
      const keySpan = span(keyNode)
      contexts.push({
        id: `${file}#${id}.${name}.${command.key}`,
        label: `Flightcontrol \`${command.key}\` of service \`${name}\` (environment \`${id}\`) in ${file}`,
        span: keySpan,
        reasons: [{ kind: 'platform-phase', towards: true, detail: `Flightcontrol ${command.when} of service \`${name}\``, span: keySpan, ...(weak && { weak }) }, ...reasons],
        steps: [{ label: `\`${command.key}\``, span: span(node), source: shell, cwd, env, reasons: [] }],
      })
    }
  }
  return contexts
}

/** a command as one string, or an argv list (`["bundle", "exec", "rails", "db:prepare"]`), run without a shell */
function commandSource(node: JsonNode, lines: LineIndex): ShellSource | undefined {
  if (node.type === 'string') return shellSourceOfJsonString(node, lines)
  if (node.type !== 'array') return undefined
  const items = node.children ?? []
  if (items.length === 0 || items.some((e) => e.type !== 'string')) return undefined
  return shellSourceOfArgv(items.map((e) => ({ value: String(e.value), start: e.offset + 1, end: e.offset + e.length - 1 })), lines)
}

/** `envVariables`: literal values; a `{ fromParameterStore }`/`{ fromService }` value is not in the file */
function stringsOf(node: JsonNode | undefined): Env {
  const env: Env = {}
  for (const { key, value } of jsonEntries(node)) env[key] = jsonString(value) ?? `<secret ${key}>`
  return env
}
