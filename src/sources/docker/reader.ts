// https://docs.docker.com/reference/dockerfile/
// The Dockerfile source reader: which stages become images, whether they run in production, their start and build contexts.
import { classifyEnvironmentName, isDatabaseConnection, nameVerdict, namesDatabase } from '../../production/evidence.js'
import type { SeedguardConfig } from '../../config/types.js'
import type { ContextStep, ExecutionContext } from '../../model/context.js'
import type { ProductionReason } from '../../model/production.js'
import { isDockerfile } from './files.js'
import type { ImageUse } from '../../production/deployments.js'
import { imageUsesOf } from './image-uses.js'
import { initdbContext, isDatabaseImage } from './initdb.js'
import type { SourceReader } from '../types.js'
import { repoDirOf } from './container-paths.js'
import { productionMarker, readImage, stageOf } from './image.js'
import { devStartOf, type DevStart } from './dev-start.js'
import { platformCommand, runtimeOf } from './runtime.js'
import { containerStartSteps } from './start-conventions.js'
import type { Image, ImageCommand, Stage } from './types.js'
import { basenameOf, dirnameOf } from '../../util/paths.js'

const dockerfile: SourceReader = {
  id: 'dockerfile',
  title: 'Dockerfile',
  docs: 'https://docs.docker.com/reference/dockerfile/',
  files: ['**/*ockerfile', '**/*ockerfile.*', '**/*ontainerfile', '**/*ontainerfile.*'],
  accepts: isDockerfile,
  read(file, project, config, deployments) {
    const uses = imageUsesOf(project, config, deployments, file)
    const contexts: ExecutionContext[] = []
    const first = readImage(project, file, uses.find((u) => u.via !== 'compose')?.context)
    if (first.problem) return { contexts: [], problems: [first.problem] }
    const final = first.stages.at(-1)
    if (!final) return { contexts: [], problems: [] }
    // only the final stage, or the stage a consumer builds with `--target`, becomes the image
    const targets = new Map<number, ImageUse[]>([[final.index, []]])
    for (const use of uses) {
      const stage = stageOf(first, use.target)
      if (stage) targets.set(stage.index, [...(targets.get(stage.index) ?? []), use])
    }
    // a production deploy that builds another stage (`--target`, fly.toml `build-target`, https://fly.io/docs/reference/configuration/#the-build-section): the final stage is not what it runs
    const elsewhere = uses.find((u) => u.production === 'production' && u.target !== undefined && stageOf(first, u.target) !== undefined && stageOf(first, u.target) !== final)
    for (const [index, stageUses] of targets) {
      const image = readImage(project, file, stageUses.find((u) => u.via !== 'compose')?.context ?? stageUses[0]?.context ?? first.context)
      const stage = image.stages[index]
      if (!stage) continue
      // each consumer starts the container with the environment it gives, over the image's own ENV:
      // Kamal roles, Fly processes and Render services of one image may differ
      const imageRuntime = runtimeOf(project, image.context, stage)
      const runtimeFor = (use: ImageUse | undefined) => {
        const env = use?.env ? { ...imageRuntime.env, ...use.env } : imageRuntime.env
        // a production deploy that starts the container says where it runs: the image's own ENV
        // naming another environment (`MIX_ENV=dev` left from local runs) is only a default the deploy
        // did not override (https://kubernetes.io/docs/tasks/inject-data-application/define-environment-variable-container/),
        // so only a deploy that sets such a name itself moves the start off production
        const deployed = use?.production === 'production' && use.via !== 'compose'
        const imageDefaults = Object.entries(imageRuntime.env).filter(([, value]) => classifyEnvironmentName(value, config) !== 'not-production')
        return { ...imageRuntime, env, evidenceEnv: deployed ? { ...Object.fromEntries(imageDefaults), ...use.env } : env }
      }
      const rt = runtimeFor(stageUses.find((u) => u.production === 'production' && u.env))
      const startOf = (use: ImageUse | undefined) => {
        // a consumer's own entrypoint (compose `entrypoint:`, a Kubernetes `command`) replaces the image's
        const start = { stage, rt: runtimeFor(use), entrypoint: use?.command?.entrypoint ? undefined : stage.entrypoint, cmd: use?.command ? platformCommand(project, use) : stage.cmd }
        return containerStartSteps(project, config, start)
      }
      // one start per distinct command and environment; where they differ, each consumer is a hop of its own
      const starts = distinctStarts(stageUses.filter((u) => u.production !== 'not-production'))
      const several = starts.length > 1
      const start = several ? starts.map((use): ContextStep => ({ label: use!.detail, span: use!.span, cwd: rt.cwd, env: {}, reasons: [], nested: startOf(use) })) : startOf(starts[0])
      const isFinal = index === final.index
      // a local consumer that starts the container with a start of its own (compose `command:` over an
      // image without ENTRYPOINT, or `entrypoint:`) never runs the image's: it says nothing of who does
      const judged = stageUses.filter((u) => u.production !== 'not-production' || !replacesStart(u, stage))
      const verdict = imageVerdict(file, stage, judged, { isFinal, elsewhere, devServer: () => devStartOf(project, config, start.flatMap((s) => s.nested ?? [s]), rt.env) }, config)
      if (!verdict) continue
      const where = `${file} (${isFinal ? 'final stage' : 'target'}${stage.name ? ` \`${stage.name}\`` : ''})`
      const deployer = several ? undefined : stageUses.find((u) => u.production === 'production' && u.via !== 'compose')
      contexts.push(shippedBy(deployer, { id: `${file}#${index}`, label: `container start of ${where}`, span: stage.span, reasons: verdict, steps: start, ownDatabase: true }))
      const production = verdict.every((r) => r.towards && !r.weak) ? verdict[0]?.detail : undefined
      const initdb = production && isDatabaseImage(stage.base) ? initdbContext(project, { id: `${file}#${index}`, label: `first start of ${where}`, span: stage.span, production, mounts: stage.mounts, cwd: rt.cwd, env: rt.env }) : undefined
      if (initdb) contexts.push(shippedBy(deployer, initdb))
      // `--build-arg DATABASE_URL=${{ secrets.DATABASE_URL }}` or a build secret from a deploy: that build can reach the database
      const passer = stageUses.find((u) => u.production === 'production' && (u.buildArgs || u.buildSecrets))
      const passed = passer?.buildArgs ?? {}
      const mounted = (run: ImageCommand) => mountedSecret(run, passer?.buildSecrets ?? {})
      const stepOf = (run: ImageCommand, from: Stage): ContextStep => {
        const env = { ...run.env, ...Object.fromEntries((run.args ?? []).filter((a) => passed[a] !== undefined).map((a) => [a, passed[a]!])), ...mounted(run).env }
        // a builder's RUN says which stage it belongs to: the chain starts at the image it builds
        return { label: from === stage ? run.label : `${run.label} of stage \`${from.name ?? from.index}\``, span: run.span, source: run.source, cwd: repoDirOf(project, from.mounts, run.workdir ?? '/', image.context), env, reasons: [] }
      }
      // the stages the image is built from run too, but as throwaway builders: only a database the deploy hands them reaches anything
      const built = [
        ...builtFrom(image, stage).flatMap((from) => from.runs.filter((run) => mounted(run).secret !== undefined || databaseSecretPassed([run], passed) !== undefined).map((run) => ({ run, from }))),
        ...stage.runs.map((run) => ({ run, from: stage })),
      ]
      if (built.length === 0) continue
      const runs = built.map(({ run, from }) => stepOf(run, from))
      const mount = built.map(({ run }) => mounted(run)).find((m) => m.secret !== undefined)
      const secret = databaseSecretPassed(built.map(({ run }) => run), passed)
      const asked = secret || mount ? undefined : databaseArgAsked(stage, passed)
      // RUN of the built stage runs at build time; a seed there reaches whatever database the build can
      const buildReason: ProductionReason = mount
        ? { kind: 'platform-phase', towards: true, detail: `${passer!.detail} passes secret ${mount.secret!.replace(/^<secret (.*)>$/, '$1')} to the build as build secret \`${mount.id}\`, which RUN mounts: it reaches that database`, span: passer!.span }
        : secret
          ? { kind: 'platform-phase', towards: true, weak: true, detail: `${passer!.detail} passes secret ${secret.secret} to the build (build-arg ${secret.name}), so RUN reaches that database`, span: passer!.span }
          : asked
            ? { kind: 'platform-phase', towards: true, detail: `\`ARG ${asked}\` has no default: the build is handed a database, and a platform that builds the Dockerfile hands it the service's own (Railway passes a service's variables to the ARGs a Dockerfile declares)`, span: stage.span }
            : { kind: 'platform-phase', towards: true, weak: true, detail: 'RUN runs on every build of the image, and seeds whatever database that build reaches', span: stage.span }
      // a SQLite file the build writes is part of the image it ships
      const build: ExecutionContext = { id: `${file}#${index}#build`, label: `image build of ${where}`, span: stage.span, reasons: verdict.some((r) => !r.towards) ? verdict : [buildReason], steps: runs, ownDatabase: 'image' }
      contexts.push(secret || mount ? shippedBy(passer, build) : build)
    }
    return { contexts, problems: [] }
  },
}
export default dockerfile

/** whether the consumer's own start replaces the image's whole start: its entrypoint, or its command where the image has no ENTRYPOINT to run it */
function replacesStart(use: ImageUse, stage: Stage): boolean {
  const replaces = use.compose?.replaces ?? (use.command?.entrypoint ? 'entrypoint' : use.command ? 'command' : undefined)
  return replaces === 'entrypoint' || (replaces === 'command' && stage.entrypoint === undefined)
}

/** The consumers that start the image differently (another command or environment); one where none does. */
function distinctStarts(uses: ImageUse[]): (ImageUse | undefined)[] {
  const seen = new Map<string, ImageUse>()
  for (const use of uses) {
    const key = `${use.command ? `${use.command.source.file}@${use.command.source.offsets(0)}` : 'CMD'}@${JSON.stringify(use.env ?? {})}`
    if (!seen.has(key)) seen.set(key, use)
  }
  return seen.size > 0 ? [...seen.values()] : [undefined]
}

/**
 * The context as its consumer starts it: the deploy that builds and runs the image is the first hop,
 * the Dockerfile's stage the next; one that runs the image by name, then the build that named it.
 */
function shippedBy(use: ImageUse | undefined, context: ExecutionContext): ExecutionContext {
  if (!use) return context
  const cwd = context.steps[0]?.cwd ?? '.'
  const stage: ContextStep = { label: context.label, span: context.span, cwd, env: {}, reasons: [], nested: context.steps }
  const built = use.builtAs && { label: `built as ${use.builtAs.name} (${use.builtAs.detail})`, span: use.builtAs.span, cwd, env: {}, reasons: [], nested: [stage] }
  return { ...context, label: use.detail, span: use.span, steps: [built || stage] }
}

/** the consumer as a reason names it: one that runs the image by name says which build named it so */
function consumerOf(use: ImageUse, file: string): string {
  return use.builtAs ? `${use.detail} runs ${use.builtAs.name}, built from ${file} (${use.builtAs.detail})` : use.detail
}

/** a database URL from a secret, passed as a build argument a RUN declares (`ARG DATABASE_URL`) */
function databaseSecretPassed(runs: ImageCommand[], passed: Record<string, string>): { name: string; secret: string } | undefined {
  const declared = new Set(runs.flatMap((r) => r.args ?? []))
  for (const [name, value] of Object.entries(passed)) {
    const secret = /<secret ([^>]+)>/.exec(value)?.[1]
    if (secret && declared.has(name) && namesDatabase(name)) return { name, secret }
  }
  return undefined
}

/**
 * The build secret a RUN mounts (`--mount=type=secret,id=database_url[,env=DATABASE_URL]`) that the
 * deploy fills from a CI secret, where the id, the variable or the secret names a database: the
 * variable it lands in (`env=`, else the id as a variable, which the RUN reads from /run/secrets/<id>).
 */
function mountedSecret(run: ImageCommand, given: Record<string, string>): { id?: string; secret?: string; env: Record<string, string> } {
  for (const { id, env } of run.secrets ?? []) {
    const value = given[id]
    const secret = value === undefined ? undefined : /<secret ([^>]+)>/.exec(value)?.[1]
    if (!secret || ![id, env ?? '', secret].some(namesDatabase)) continue
    const name = env ?? id.toUpperCase().replace(/[^A-Z0-9_]/g, '_')
    return { id, secret: value, env: { [name]: value! } }
  }
  return { env: {} }
}

/** the earlier stages a stage is built from, nearest first, each once */
function builtFrom(image: Image, stage: Stage): Stage[] {
  const seen = new Set<number>()
  const visit = (s: Stage): Stage[] => s.needs.filter((i) => !seen.has(i) && seen.add(i)).flatMap((i) => (image.stages[i] ? [...visit(image.stages[i]!), image.stages[i]!] : []))
  return visit(stage)
}

/**
 * An ARG naming a database, declared with no default where a RUN can read it and given by no build in
 * the repository: only the builder can fill it, and the platforms that build a repository's Dockerfile
 * from their dashboard fill the ARGs it declares with the service's variables
 * (https://docs.railway.com/guides/dockerfiles#using-variables-at-build-time).
 */
function databaseArgAsked(stage: Stage, passed: Record<string, string>): string | undefined {
  for (const run of stage.runs) {
    const name = (run.args ?? []).find((a) => isDatabaseConnection(a) && run.env?.[a] === undefined && passed[a] === undefined)
    if (name !== undefined) return name
  }
  return undefined
}

interface StageRole {
  isFinal: boolean
  /** a production deploy of another stage of the same Dockerfile */
  elsewhere: ImageUse | undefined
  /** the development server the stage starts, read only where it decides */
  devServer: () => DevStart | undefined
}

/**
 * Whether the image runs in production: a production deploy builds it; or, with no consumer that
 * says otherwise, the Dockerfile itself is a production image (a `production` stage, NODE_ENV=production).
 * Images that only compose files use are judged by the compose reader; undefined: nothing to report here.
 */
function imageVerdict(file: string, stage: Stage, uses: ImageUse[], { isFinal, elsewhere, devServer }: StageRole, config: SeedguardConfig): ProductionReason[] | undefined {
  const strong = uses.find((u) => u.production === 'production' && u.via !== 'compose')
  if (strong) return [{ kind: 'platform-phase', towards: true, detail: `runs on every container start; ${consumerOf(strong, file)}`, span: strong.span }]
  const against = (detail: string): ProductionReason[] => [{ kind: 'environment', towards: false, detail, span: stage.span }]
  const allLocal = uses.length > 0 && uses.every((u) => u.production === 'not-production')
  const local = () => uses.map((u) => consumerOf(u, file)).join('; ')
  // what runs the image by the name its build gives it says where it runs, over what the Dockerfile says of itself
  if (allLocal && uses.some((u) => u.via === 'by-name')) return against(`nothing that runs it is production: ${local()}`)
  const named = basenameOf(file).split(/[^A-Za-z0-9]+/).map((w) => classifyEnvironmentName(w, config))
  if (named.includes('not-production')) return against(`${file} is named for development`)
  // `infra/local/postgres/Dockerfile`, `docker/dev/Dockerfile`: the directory names the environment as the file name would
  const folder = dirnameOf(file).split('/').find((d) => nameVerdict(d, config) === 'not-production')
  if (folder) return against(`${file} is in \`${folder}/\`, a directory named for a non-production environment`)
  if (stage.name && classifyEnvironmentName(stage.name, config) === 'not-production') return against(`stage \`${stage.name}\` is named for development`)
  // a production stack reports the start itself, named for its compose service and with the stack's
  // environment; a plain compose file that builds the image (`build: .` for local runs) is no evidence against the image
  if (uses.some((u) => u.via === 'compose' && u.production === 'production')) return undefined
  const marker = named.includes('production') ? `named ${basenameOf(file)}` : productionMarker(stage, config)
  if (marker && !allLocal) return [{ kind: 'platform-phase', towards: true, detail: `runs on every container start of a production image (${marker})`, span: stage.span }]
  const weak = (detail: string): ProductionReason[] => [{ kind: 'platform-phase', towards: true, weak: true, detail, span: stage.span }]
  if (marker) return weak(`a production image (${marker}), but nothing that uses it is production: ${local()}`)
  if (allLocal) return against(`nothing that uses it is production: ${local()}`)
  if (uses.some((u) => u.via !== 'compose' && u.production === 'unknown')) return weak(`runs on every container start; ${uses[0]!.detail}`)
  if (!isFinal) return undefined
  // without `--target` a build makes the final stage (https://docs.docker.com/build/building/multi-stage/#stop-at-a-specific-build-stage):
  // where the repository's deploy builds another stage, only a build outside it (a platform's dashboard, a hand-run `docker build`) would start this one
  if (elsewhere) return weak(`runs on every container start of the final stage, which a build without a target makes; but the repository's deploy builds stage \`${elsewhere.target}\` instead (${elsewhere.detail}), and nothing in it builds this one`)
  // a development server (`npm run dev` → `next dev`, nodemon) is what a developer's image starts
  const dev = devServer()
  if (dev?.server) return weak(`runs on every container start of the image this Dockerfile builds, but it starts a development server or script (${dev.detail}): a development image, and no deploy in the repository builds it`)
  // a deploy artifact is production unless evidence says otherwise: the image may be built by a
  // platform's dashboard (Render, Railway, Coolify, DigitalOcean build the repository's Dockerfile),
  // pushed and pulled by another repository, or run by hand on a server
  return [{ kind: 'platform-phase', towards: true, detail: 'runs on every container start of the image this Dockerfile builds; no deploy in the repository says otherwise (a platform that builds the Dockerfile, or a server that pulls the image, starts it)', span: stage.span }]
}
