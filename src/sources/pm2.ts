// https://pm2.keymetrics.io/docs/usage/deployment/ ; https://pm2.keymetrics.io/docs/usage/application-declaration/
import type { SeedguardConfig } from '../config/types.js'
import type { ContextStep, ExecutionContext, ShellSource } from '../model/context.js'
import type { ProductionReason } from '../model/production.js'
import { classifyEnvironmentName, envVarReasons } from '../production/evidence.js'
import { type EcosystemApp, type EcosystemDeploy, type EcosystemFile } from '../seeds/facts/pm2-ecosystem.js'
import { shellSourceOfArgv } from '../util/exec-form.js'
import type { LineIndex } from '../util/line-index.js'
import { alignValue } from '../util/offset-map.js'
import { basenameOf, dirnameOf } from '../util/paths.js'
import type { Problem, SourceReader } from './types.js'
import { appWords, isEcosystemFile } from '../shell/runners/pm2.js'

/** `pm2 start|reload|startOrRestart <file> --env <name>` in a hook: the apps it (re)starts, with `env_<name>` */
const PM2_START = /\bpm2\s+(?:start|restart|reload|startOrRestart|startOrReload|startOrGracefulReload)\b([^;&|\n]*)/g

const pm2: SourceReader = {
  id: 'pm2',
  title: 'PM2 ecosystem file (apps, `pm2 deploy`)',
  docs: 'https://pm2.keymetrics.io/docs/usage/deployment/',
  files: ['**/ecosystem*.js', '**/ecosystem*.cjs', '**/ecosystem*.mjs', '**/ecosystem*.json', '**/ecosystem*.json5', '**/pm2*.js', '**/pm2*.cjs', '**/pm2*.mjs', '**/pm2*.json', '**/pm2*.json5'],
  accepts: isEcosystemFile,
  rejectedBy: 'PM2',
  read(file, project, config) {
    const facts = project.ecosystemFiles?.get(file)
    const lines = project.cache.get(file)
    if (!facts || !lines) return { contexts: [], problems: [] }
    if (facts.error) return { contexts: [], problems: [{ rule: 'parse-error', message: facts.error.message, span: facts.error.span }] }
    const problems: Problem[] = facts.unresolved.map((u) => ({ rule: 'unresolved-on-production-path', severity: 'warning', message: u.message, span: u.span }))
    const cwd = dirnameOf(file)
    const contexts = [...facts.deploys.flatMap((d) => deployContexts(file, d, lines, cwd, config)), ...facts.apps.map((app) => appContext(file, app, facts, lines, cwd, config))]
    return { contexts, problems }
  },
}
export default pm2

/**
 * `pm2 deploy <file> <env>` is run by hand or by a pipeline: the environment's name says where it
 * deploys. One named for production is production whether or not a file of the repository runs it,
 * since the deploy is a command the team types; a staging one is not; any other name is uncertain.
 */
function environmentReasons(name: string, phase: string, span: ProductionReason['span'], config: SeedguardConfig): ProductionReason[] {
  const verdict = classifyEnvironmentName(name, config)
  if (verdict === 'not-production') return [{ kind: 'environment', towards: false, detail: `PM2 deploy environment \`${name}\` is not production`, span }]
  if (verdict === 'production') return [{ kind: 'platform-phase', towards: true, detail: phase, span }, { kind: 'environment', towards: true, detail: `PM2 deploy environment \`${name}\``, span }]
  return [{ kind: 'platform-phase', towards: true, weak: true, detail: `${phase}; the environment's name does not say which one it is`, span }]
}

function deployContexts(file: string, deploy: EcosystemDeploy, lines: LineIndex, cwd: string, config: SeedguardConfig): ExecutionContext[] {
  const command = `pm2 deploy ${basenameOf(file)} ${deploy.name}`
  const step = (hook: EcosystemDeploy['hooks'][number], where: string): ContextStep => ({ label: `\`${hook.hook}\` ${where}`, span: hook.span, source: hookSource(hook.command, lines), cwd, env: {}, reasons: [] })
  const remote = deploy.hooks.filter((h) => h.hook !== 'pre-deploy-local')
  const local = deploy.hooks.filter((h) => h.hook === 'pre-deploy-local')
  const contexts: ExecutionContext[] = []
  if (remote.length > 0) {
    // pm2-deploy runs these over ssh on every `host` of the environment, in the order of DEPLOY_HOOKS
    const reasons = environmentReasons(deploy.name, `\`${command}\` runs its hooks on the environment's hosts`, deploy.span, config)
    contexts.push({ id: `${file}#deploy.${deploy.name}`, label: `\`${command}\` (${file})`, span: deploy.span, reasons, steps: remote.map((h) => step(h, 'runs on the hosts')) })
  }
  if (local.length > 0) {
    // pre-deploy-local runs where `pm2 deploy` is typed: a deploy of production, but with that machine's settings
    const phase = `\`${command}\` runs \`pre-deploy-local\` on the machine that runs it, whose database settings are not in the files`
    const reasons = environmentReasons(deploy.name, phase, deploy.span, config).map((r) => (r.kind === 'platform-phase' ? { ...r, weak: true } : r)).filter((r) => r.towards === false || r.kind === 'platform-phase')
    contexts.push({ id: `${file}#deploy.${deploy.name}.local`, label: `\`${command}\` (${file}), locally`, span: deploy.span, reasons, steps: local.map((h) => step(h, 'runs locally')) })
  }
  return contexts
}

/** a hook's command line: pm2-deploy hands it to a shell on the host */
function hookSource(command: { value: string; start: number; end: number }, lines: LineIndex): ShellSource {
  return { text: command.value, offsets: alignValue(command.value, lines.text, command.start, command.end), file: lines.file, shell: 'sh' }
}

/**
 * An app is started by `pm2 start <file>` or `pm2-runtime <file>`, and by the `post-deploy` of a
 * deploy (pm2's default is `pm2 startOrRestart <file> --env <env>`, lib/API/Deploy.js): a
 * production deploy that (re)starts the file's apps starts this one with `env_production` over `env`.
 */
function appContext(file: string, app: EcosystemApp, facts: EcosystemFile, lines: LineIndex, cwd: string, config: SeedguardConfig): ExecutionContext {
  const name = app.name ?? basenameOf(app.script.value).replace(/\.[^.]+$/, '')
  const starters = facts.deploys.flatMap((d) => {
    const env = startedWith(d, file)
    return env === undefined ? [] : [{ deploy: d, env, verdict: classifyEnvironmentName(d.name, config) }]
  })
  const starter = starters.find((s) => s.verdict === 'production')
  const env = { ...app.env, ...(starter ? app.envs.get(starter.env) : {}) }
  const started = (s: (typeof starters)[number]) => `\`pm2 deploy ${basenameOf(file)} ${s.deploy.name}\` (re)starts the file's apps${s.env ? ` with \`--env ${s.env}\`` : ''}`
  // the file's own deploys, all to other environments, say where its apps run
  const elsewhere = starters.length > 0 && starters.every((s) => s.verdict === 'not-production')
  const reasons: ProductionReason[] = starter
    ? [{ kind: 'platform-phase', towards: true, detail: started(starter), span: starter.deploy.span }]
    : elsewhere
      ? starters.map((s) => ({ kind: 'environment', towards: false, detail: `${started(s)}: deploy environment \`${s.deploy.name}\` is not production`, span: s.deploy.span }))
      : [{ kind: 'platform-phase', towards: true, weak: true, detail: `PM2 keeps the app running wherever \`pm2 start ${basenameOf(file)}\` runs; where that is is not in the files`, span: app.span }]
  const step: ContextStep = { label: `PM2 starts \`${app.script.value}\``, span: lines.span(app.script.start, app.script.end), source: startSource(app, lines), cwd: app.cwd ?? cwd, env, reasons: envVarReasons(env, config, app.span) }
  // without a deploy of its own, the app runs where a `pm2 start`/`pm2-runtime` of the file runs: where one does, that one judges it
  return { id: `${file}#apps.${name}`, label: `PM2 app \`${name}\` (${file})`, span: app.span, reasons, steps: [step], ...(!starter && !elsewhere && { unlessRun: [`file:${file}`] }) }
}

/** the `--env` a deploy's post-deploy (re)starts this file's apps with; '' for none; undefined when it starts none */
function startedWith(deploy: EcosystemDeploy, file: string): string | undefined {
  const post = deploy.hooks.find((h) => h.hook === 'post-deploy')
  if (!post) return deploy.name
  for (const match of post.command.value.matchAll(PM2_START)) {
    const words = match[1]!.trim().split(/\s+/)
    if (!words.some((w) => basenameOf(w) === basenameOf(file))) continue
    const at = words.indexOf('--env')
    return at >= 0 ? (words[at + 1] ?? '') : (words.find((w) => w.startsWith('--env='))?.slice('--env='.length) ?? '')
  }
  return undefined
}

/** `script` with its `args`, run by `interpreter` or the one PM2 picks for its extension: the argv PM2 executes */
function startSource(app: EcosystemApp, lines: LineIndex): ShellSource {
  return shellSourceOfArgv(appWords(app, lines).map((w) => ({ value: w.value, start: w.span.start.offset, end: w.span.end.offset })), lines)
}
