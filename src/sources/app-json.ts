// https://devcenter.heroku.com/articles/app-json-schema
import type { ContextStep, ExecutionContext } from '../model/context.js'
import type { ProductionReason } from '../model/production.js'
import type { Project } from '../project/project.js'
import { jsonAt, jsonEntries, jsonString, parseJsonOf, shellSourceOfJsonString, type JsonNode } from '../util/json.js'
import type { LineIndex } from '../util/line-index.js'
import { dirnameOf, joinPath } from '../util/paths.js'
import type { Problem, SourceReader } from './types.js'

/** What app.json says about the Heroku app it sits in: its buildpacks, if it lists them. */
export interface AppJsonFacts {
  /** buildpack URLs or names (`heroku/nodejs`); undefined when app.json does not list them */
  buildpacks: string[] | undefined
}

// keys only Heroku's (or Dokku's) app.json has: an Expo or Tauri app.json has none of them
const HEROKU_KEYS = ['scripts', 'environments', 'buildpacks', 'addons', 'formation', 'stack', 'success_url', 'cron']

/** The Heroku app.json of a directory, or undefined when there is none (or it is some other tool's app.json). */
export function readAppJsonFacts(project: Project, dir: string): AppJsonFacts | undefined {
  const lines = project.cache.get(joinPath(dir, 'app.json') ?? 'app.json')
  if (!lines) return undefined
  const { root } = parseJsonOf(lines)
  if (root?.type !== 'object' || !jsonEntries(root).some((e) => HEROKU_KEYS.includes(e.key))) return undefined
  const list = jsonAt(root, ['buildpacks'])
  const buildpacks = list?.type === 'array' ? (list.children ?? []).map((b) => jsonString(jsonAt(b, ['url'])) ?? jsonString(b)).filter((u): u is string => u !== undefined) : undefined
  return { buildpacks }
}

interface Script {
  /** path of the command string under the root */
  path: (string | number)[]
  label: string
  reason: Omit<ProductionReason, 'span'>
}

const REVIEW_ONLY = 'runs once after an app is first created from app.json (review apps, Heroku Button), not on deploys of an existing app'

/**
 * The scripts of app.json. Heroku runs `scripts.postdeploy` once, when a review app or a Heroku
 * Button app is created, and `pr-predestroy` before a review app is destroyed: neither runs on a
 * deploy of the production app. `environments.test` is Heroku CI. Dokku instead runs
 * `scripts.dokku.predeploy`/`postdeploy` on every deploy (https://dokku.com/docs/deployment-tasks/).
 */
function scriptsOf(root: JsonNode): Script[] {
  const out: Script[] = [
    { path: ['scripts', 'postdeploy'], label: 'Heroku review app / Heroku Button `postdeploy` (app.json)', reason: { kind: 'environment', towards: false, detail: `app.json \`scripts.postdeploy\` ${REVIEW_ONLY}` } },
    { path: ['scripts', 'pr-predestroy'], label: 'Heroku review app `pr-predestroy` (app.json)', reason: { kind: 'environment', towards: false, detail: 'app.json `scripts.pr-predestroy` runs before a review app is destroyed' } },
    { path: ['scripts', 'dokku', 'predeploy'], label: 'Dokku `predeploy` (app.json)', reason: { kind: 'platform-phase', towards: true, detail: 'app.json `scripts.dokku.predeploy` runs on every Dokku deploy' } },
    { path: ['scripts', 'dokku', 'postdeploy'], label: 'Dokku `postdeploy` (app.json)', reason: { kind: 'platform-phase', towards: true, detail: 'app.json `scripts.dokku.postdeploy` runs after every Dokku deploy' } },
  ]
  for (const { key } of jsonEntries(jsonAt(root, ['environments']))) {
    for (const { key: name } of jsonEntries(jsonAt(root, ['environments', key, 'scripts']))) {
      const detail = key === 'test' ? `app.json \`environments.test\` is Heroku CI` : `app.json \`environments.${key}\` applies to ${key} apps only`
      out.push({ path: ['environments', key, 'scripts', name], label: `app.json \`environments.${key}.scripts.${name}\``, reason: { kind: 'environment', towards: false, detail } })
    }
  }
  // Dokku's scheduled commands run in the deployed app (https://dokku.com/docs/processes/scheduled-cron-tasks/)
  const cron = jsonAt(root, ['cron'])
  for (let i = 0; cron?.type === 'array' && i < (cron.children?.length ?? 0); i++) {
    out.push({ path: ['cron', i, 'command'], label: `Dokku cron task #${i + 1} (app.json)`, reason: { kind: 'platform-phase', towards: true, detail: 'app.json `cron` commands run on schedule in the deployed app (Dokku)' } })
  }
  return out
}

function readScripts(file: string, lines: LineIndex, root: JsonNode): ExecutionContext[] {
  const cwd = dirnameOf(file)
  const contexts: ExecutionContext[] = []
  for (const script of scriptsOf(root)) {
    const at = jsonAt(root, script.path)
    // `"postdeploy": { "command": "…", "size": "…" }` is the long form
    const node = at?.type === 'object' ? jsonAt(at, ['command']) : at
    if (!node || jsonString(node) === undefined) continue
    const span = lines.span(node.offset, node.offset + node.length)
    const keySpan = at?.parent?.children?.[0] ? lines.span(at.parent.children[0].offset, at.parent.children[0].offset + at.parent.children[0].length) : span
    const step: ContextStep = { label: `\`${script.path.join('.')}\``, span, source: shellSourceOfJsonString(node, lines), cwd, env: {}, reasons: [] }
    contexts.push({ id: `${file}#${script.path.join('.')}`, label: `${script.label} in ${file}`, span: keySpan, reasons: [{ ...script.reason, span: keySpan }], steps: [step] })
  }
  return contexts
}

const appJson: SourceReader = {
  id: 'app-json',
  rejectedBy: 'Heroku',
  title: 'Heroku / Dokku app.json',
  docs: 'https://devcenter.heroku.com/articles/app-json-schema',
  files: ['**/app.json'],
  read(file, project) {
    const lines = project.cache.get(file)
    if (!lines) return { contexts: [], problems: [] }
    const { root, error } = parseJsonOf(lines)
    if (error || root?.type !== 'object') {
      // many tools name their manifest app.json; only one next to a Procfile or heroku.yml is ours to judge
      const dir = dirnameOf(file)
      const heroku = ['Procfile', 'heroku.yml'].some((name) => project.cache.exists(joinPath(dir, name) ?? name))
      const offset = error?.offset ?? 0
      const problem: Problem = { rule: 'parse-error', message: error?.message ?? 'app.json is not a JSON object', span: lines.span(offset, offset + 1) }
      return { contexts: [], problems: heroku ? [problem] : [] }
    }
    return { contexts: readScripts(file, lines, root), problems: [] }
  },
}
export default appJson
