// https://devcenter.heroku.com/articles/app-json-schema
import type { ContextStep, ExecutionContext } from '../model/context.js'
import type { ProductionReason } from '../model/production.js'
import type { Project } from '../project/project.js'
import { jsonAt, jsonEntries, jsonString, parseJsonOf, shellSourceOfJsonString, type JsonNode } from '../util/json.js'
import type { LineIndex } from '../util/line-index.js'
import { dirnameOf, joinPath } from '../util/paths.js'
import { createdAppRuntime, HEROKU_PRODUCTION_ENV } from './heroku-runtime.js'
import type { Problem, SourceReader } from './types.js'

interface Script {
  /** path of the command string under the root */
  path: (string | number)[]
  label: string
  reason: Omit<ProductionReason, 'span'>
  /** Heroku runs it in an app created from app.json, with that app's config vars */
  createdApp?: boolean
}

const HEROKU_POSTDEPLOY: Script = {
  path: ['scripts', 'postdeploy'],
  label: 'Heroku Button / review app `postdeploy` (app.json)',
  reason: { kind: 'platform-phase', towards: true, weak: true, detail: 'app.json `scripts.postdeploy` runs once after an app is created from app.json: review apps and Heroku Button deploys (a Button deploy creates its user\'s real app), not later releases' },
  createdApp: true,
}

// Dokku runs `scripts.postdeploy` once, after the first deploy of the app, its documented use being
// "loading seed/test data" (https://dokku.com/docs/deployment-tasks/). A Dokku app has no review-app
// copies: it is the deployed app itself, production unless its name (set on the server, never in
// the repository) says otherwise.
const DOKKU_POSTDEPLOY: Script = {
  path: ['scripts', 'postdeploy'],
  label: 'Dokku first-deploy `postdeploy` (app.json)',
  reason: { kind: 'platform-phase', towards: true, detail: 'app.json `scripts.postdeploy` runs once after the first Dokku deploy of the app (this app.json is Dokku\'s: it has `scripts.dokku`)' },
}

/**
 * The scripts of app.json. Heroku runs `scripts.postdeploy` once, right after an app is created
 * from app.json: a review app, or the app a Heroku Button deploy creates in its user's account,
 * which is that user's real app (https://devcenter.heroku.com/articles/heroku-button,
 * https://devcenter.heroku.com/articles/app-json-schema#scripts); never on later releases of an
 * existing app. `pr-predestroy` runs before a review app is destroyed. `environments.<name>`
 * replaces a key for review apps or Heroku CI (`test`) only. Dokku instead runs
 * `scripts.dokku.predeploy`/`postdeploy` on every deploy, in a container of the built image
 * (https://dokku.com/docs/deployment-tasks/).
 */
function scriptsOf(root: JsonNode): Script[] {
  const out: Script[] = [
    jsonAt(root, ['scripts', 'dokku']) ? DOKKU_POSTDEPLOY : HEROKU_POSTDEPLOY,
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

function readScripts(file: string, project: Project, lines: LineIndex, root: JsonNode): ExecutionContext[] {
  const cwd = dirnameOf(file)
  const contexts: ExecutionContext[] = []
  for (const script of scriptsOf(root)) {
    const at = jsonAt(root, script.path)
    // `"postdeploy": { "command": "…", "size": "…" }` is the long form
    const node = at?.type === 'object' ? jsonAt(at, ['command']) : at
    if (!node || jsonString(node) === undefined) continue
    const span = lines.span(node.offset, node.offset + node.length)
    const keySpan = at?.parent?.children?.[0] ? lines.span(at.parent.children[0].offset, at.parent.children[0].offset + at.parent.children[0].length) : span
    // judged as the Button-created app runs it: its config vars from app.json, no review app's HEROKU_PR_NUMBER
    const env = script.createdApp ? { ...HEROKU_PRODUCTION_ENV } : {}
    const step: ContextStep = { label: `\`${script.path.join('.')}\``, span, source: shellSourceOfJsonString(node, lines), cwd, env, reasons: [] }
    contexts.push({
      id: `${file}#${script.path.join('.')}`,
      label: `${script.label} in ${file}`,
      span: keySpan,
      reasons: [{ ...script.reason, span: keySpan }],
      steps: [step],
      ...(script.createdApp && { runtime: createdAppRuntime(project, cwd) }),
    })
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
    return { contexts: readScripts(file, project, lines, root), problems: [] }
  },
}
export default appJson
