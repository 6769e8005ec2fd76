// https://pm2.keymetrics.io/docs/usage/application-declaration/ ; https://pm2.keymetrics.io/docs/usage/deployment/
import type { Span } from '../../model/span.js'
import type { FileCache } from '../../project/files.js'
import { isEcosystemFile } from '../../shell/runners/pm2.js'
import { exportedValue, literalString, properties, property, resolve, type AstNode } from '../../util/js-config.js'
import type { LineIndex } from '../../util/line-index.js'
import { importBabelParser } from '../../util/on-demand.js'

/** a string the file writes as a literal, with the offsets of its text inside the quotes */
export interface EcosystemString {
  value: string
  start: number
  end: number
}

/** One entry of `apps`: the process `pm2 start <file>` (or `pm2-runtime`) starts and keeps running. */
export interface EcosystemApp {
  name?: string
  span: Span
  script: EcosystemString
  /** `args` as a string (shell words) or an array (one word each) */
  args: { words: EcosystemString[]; quoted: boolean }
  interpreter?: EcosystemString
  cwd?: string
  /** `env`, then each `env_<name>` (`--env <name>` merges it over `env`), literal values only */
  env: Record<string, string>
  envs: Map<string, Record<string, string>>
}

/** A `deploy.<name>` environment: `pm2 deploy <file> <name>` runs its hooks. */
export interface EcosystemDeploy {
  name: string
  span: Span
  hooks: { hook: string; command: EcosystemString; span: Span }[]
}

export interface EcosystemFile {
  apps: EcosystemApp[]
  deploys: EcosystemDeploy[]
  /** what the file computes where a command or its process would be read: it cannot be known */
  unresolved: { message: string; span: Span }[]
  /** the file does not parse */
  error?: { message: string; span: Span }
}

/**
 * The hooks pm2-deploy runs on `pm2 deploy <file> <env>` (https://github.com/Unitech/pm2-deploy):
 * `pre-deploy-local` on the machine that runs the command, the others on each `host` over ssh.
 */
export const DEPLOY_HOOKS = ['pre-setup', 'post-setup', 'pre-deploy-local', 'pre-deploy', 'post-deploy'] as const

/** Every ecosystem file of the tree, read with a real JavaScript parser loaded only when there is one. */
export async function loadEcosystemFiles(cache: FileCache): Promise<Map<string, EcosystemFile>> {
  const files = cache.files.list().filter(isEcosystemFile)
  const out = new Map<string, EcosystemFile>()
  if (files.length === 0) return out
  const babel = await importBabelParser()
  for (const file of files) {
    const lines = cache.get(file)
    if (lines) out.set(file, readEcosystem(babel, lines))
  }
  return out
}

type Babel = Awaited<ReturnType<typeof importBabelParser>>

function readEcosystem(babel: Babel, lines: LineIndex): EcosystemFile {
  const entry: EcosystemFile = { apps: [], deploys: [], unresolved: [] }
  const span = (node: AstNode) => lines.span(node.start ?? 0, node.end ?? 0)
  let config: AstNode | undefined
  let body: AstNode[] = []
  try {
    if (/\.json5?$/.test(lines.file)) config = babel.parseExpression(lines.text, { errorRecovery: false }) as unknown as AstNode
    else {
      body = (babel.parse(lines.text, { sourceType: 'unambiguous', errorRecovery: false }).program as unknown as AstNode).body as AstNode[]
      config = resolve(exportedValue(body), body)
    }
  } catch (error) {
    const at = (error as { pos?: number }).pos ?? 0
    return { ...entry, error: { message: `cannot parse: ${(error as Error).message}`, span: lines.span(at, at + 1) } }
  }
  const unresolved = (node: AstNode, what: string) => entry.unresolved.push({ message: `${what} is computed: what PM2 runs cannot be read`, span: span(node) })
  if (config?.type !== 'ObjectExpression') {
    entry.unresolved.push({ message: 'the exported PM2 configuration is not an object literal: what PM2 runs cannot be read', span: config ? span(config) : lines.span(0, 0) })
    return entry
  }
  const apps = resolve(property(config, 'apps'), body)
  if (apps?.type === 'ArrayExpression') {
    for (const element of apps.elements as (AstNode | null)[]) {
      const app = element && resolve(element, body)
      if (app?.type !== 'ObjectExpression') {
        if (element) unresolved(element, 'an entry of `apps`')
        continue
      }
      const read = readApp(app, body, unresolved)
      if (read) entry.apps.push({ ...read, span: span(app) })
    }
  } else if (apps) unresolved(apps, '`apps`')
  const deploy = resolve(property(config, 'deploy'), body)
  if (deploy?.type === 'ObjectExpression') {
    for (const { key, keyNode, value } of properties(deploy)) {
      const target = resolve(value, body)
      if (target?.type !== 'ObjectExpression') {
        unresolved(value, `deploy environment \`${key}\``)
        continue
      }
      const hooks: EcosystemDeploy['hooks'] = []
      for (const hook of DEPLOY_HOOKS) {
        const node = property(target, hook)
        if (!node) continue
        const command = literalString(resolve(node, body))
        if (command) hooks.push({ hook, command, span: span(node) })
        else unresolved(node, `\`${hook}\` of deploy environment \`${key}\``)
      }
      entry.deploys.push({ name: key, span: span(keyNode), hooks })
    }
  } else if (deploy) unresolved(deploy, '`deploy`')
  return entry
}

function readApp(app: AstNode, body: AstNode[], unresolved: (node: AstNode, what: string) => void): Omit<EcosystemApp, 'span'> | undefined {
  const string = (key: string): EcosystemString | undefined | 'computed' => {
    const node = property(app, key)
    if (!node) return undefined
    const literal = literalString(resolve(node, body))
    if (literal) return literal
    unresolved(node, `\`${key}\``)
    return 'computed'
  }
  const script = string('script')
  const name = string('name')
  const interpreter = string('interpreter')
  const cwd = string('cwd')
  if (script === undefined || script === 'computed' || interpreter === 'computed') return undefined
  const argsNode = property(app, 'args')
  const args = argsNode ? readArgs(resolve(argsNode, body), body) : { words: [], quoted: false }
  if (!args) {
    unresolved(argsNode!, '`args`')
    return undefined
  }
  const envs = new Map<string, Record<string, string>>()
  for (const { key, value } of properties(app)) {
    const named = /^env_(.+)$/.exec(key)?.[1]
    if (named) envs.set(named, envOf(resolve(value, body), body))
  }
  return {
    ...(typeof name === 'object' && { name: name.value }),
    script,
    args,
    ...(interpreter && { interpreter }),
    ...(typeof cwd === 'object' && { cwd: cwd.value }),
    env: envOf(resolve(property(app, 'env'), body), body),
    envs,
  }
}

function readArgs(node: AstNode | undefined, body: AstNode[]): EcosystemApp['args'] | undefined {
  const literal = literalString(node)
  if (literal) return { words: [literal], quoted: false }
  if (node?.type !== 'ArrayExpression') return undefined
  const words = (node.elements as (AstNode | null)[]).map((e) => literalString(e ? resolve(e, body) : undefined))
  return words.every((w) => w !== undefined) ? { words: words as EcosystemString[], quoted: true } : undefined
}

/** an `env` object's literal values: a value computed at start-up is not known, so not set here */
function envOf(node: AstNode | undefined, body: AstNode[]): Record<string, string> {
  const env: Record<string, string> = {}
  if (node?.type !== 'ObjectExpression') return env
  for (const { key, value } of properties(node)) {
    const resolved = resolve(value, body)
    const literal = literalString(resolved)
    if (literal) env[key] = literal.value
    else if (resolved?.type === 'NumericLiteral' || resolved?.type === 'BooleanLiteral') env[key] = String(resolved.value)
  }
  return env
}
