// https://docs.railway.com/config-as-code/reference
// The Railway source reader: a service's build, pre-deploy and start commands, from whichever file names them.
import { classifyEnvironmentName } from '../../production/evidence.js'
import type { SeedguardConfig } from '../../config/types.js'
import type { ContextStep, ExecutionContext, PlatformInvocation } from '../../model/context.js'
import type { ProductionReason } from '../../model/production.js'
import { OUTSIDE_ENVIRONMENT, type RuntimeEnvironment } from '../../model/runtime.js'
import type { Span } from '../../model/span.js'
import type { Project } from '../../project/project.js'
import { dirnameOf, joinPath } from '../../util/paths.js'
import { imageScriptStep, readDockerWorkdir } from '../docker/image-script.js'
import type { SourceReader } from '../types.js'
import { loadDoc, type Command, type Doc } from './config-files.js'
import type { ShellSource } from '../../model/context.js'
import type { Artifacts } from '../../production/deployments.js'
import { jsonAt, jsonString, parseJsonOf, shellSourceOfJsonString } from '../../util/json.js'
import { defaultDockerfile, tomlOf } from '../docker/files.js'

// One Railway service per directory. Config as code (railway.json / railway.toml) wins over the
// builder's own file (railpack.json, nixpacks.toml / nixpacks.json), which wins over what the
// builder detects (for Node: install, the `build` script, the `start` script).
const RAILWAY = ['railway.json', 'railway.toml']
const BUILDERS = ['railpack.json', 'nixpacks.toml', 'nixpacks.json']
const KEYS = { build: ['build', 'buildCommand'], preDeploy: ['deploy', 'preDeployCommand'], start: ['deploy', 'startCommand'] } as const
type Phase = keyof typeof KEYS
const PHASE: Record<Phase, string> = {
  build: 'Railway builds every deployment, production included, with this command',
  preDeploy: 'Railway runs the pre-deploy command before every deployment goes live',
  start: 'Railway starts every deployment with this command',
}

const railway: SourceReader = {
  id: 'railway',
  rejectedBy: 'Railway',
  title: 'Railway',
  docs: 'https://docs.railway.com/config-as-code/reference',
  files: [...RAILWAY, ...BUILDERS].map((name) => `**/${name}`),
  read(file, project, config) {
    const loaded = loadDoc(file, project)
    if (!('doc' in loaded)) return { contexts: [], problems: loaded.problem ? [loaded.problem] : [] }
    const dir = dirnameOf(file)
    const docs = (names: string[]) => names.flatMap((n) => {
      const d = loadDoc(dir === '.' ? n : `${dir}/${n}`, project)
      return 'doc' in d ? [d.doc] : []
    })
    const railways = docs(RAILWAY)
    const builders = docs(BUILDERS)
    // the directory's first readable config file speaks for the whole service
    if ([...railways, ...builders][0]?.file !== file) return { contexts: [], problems: [] }
    return { contexts: readService(dir, railways, builders, project, config), problems: [] }
  },
  deploys: { files: ['**/railway.json', '**/railway.toml'], read: railwayImages },
}
export default railway

interface Service {
  dir: string
  project: Project
  config: SeedguardConfig
  railways: Doc[]
  env: Record<string, string>
  /** the app's directory in the image: /app for Railpack and Nixpacks, a Dockerfile's WORKDIR */
  workdir: string | undefined
  /** built from a Dockerfile: its reader owns the build and the default start */
  docker: boolean
  contexts: ExecutionContext[]
  /** phases some file names commands for (config-as-code keys, builder phase names) */
  named: Set<string>
}
type StepInit = Omit<ContextStep, 'cwd' | 'env' | 'reasons'>

function readService(dir: string, railways: Doc[], builderDocs: Doc[], project: Project, config: SeedguardConfig): ExecutionContext[] {
  const builder = railways.map((d) => d.string(['build', 'builder'])?.toUpperCase()).find(Boolean)
  const dockerfile = railways.map((d) => d.string(['build', 'dockerfilePath'])).find(Boolean)
  // "Railway will always build with a Dockerfile if it finds one"
  const docker = builder === 'DOCKERFILE' || dockerfile !== undefined || project.cache.exists(joinPath(dir, 'Dockerfile') ?? '')
  const plans = [
    ...railways.filter((d) => d.keys(['build', 'nixpacksPlan']).length > 0).map((doc) => ({ doc, prefix: ['build', 'nixpacksPlan'], railpack: false })),
    ...builderDocs.map((doc) => ({ doc, prefix: [], railpack: doc.file.endsWith('railpack.json') })).filter((p) => builder !== (p.railpack ? 'NIXPACKS' : 'RAILPACK')),
  ]
  const env: Record<string, string> = {}
  for (const { doc, prefix } of plans) for (const k of doc.keys([...prefix, 'variables'])) env[k] = doc.string([...prefix, 'variables', k]) ?? ''
  const service: Service = { dir, project, config, railways, env, workdir: docker ? readDockerWorkdir(project, dir, dockerfile) : '/app', docker, contexts: [], named: new Set() }
  readConfigAsCode(service)
  for (const plan of plans) readPlan(service, plan.doc, plan.prefix, plan.railpack)
  const owner = railways[0] ?? plans[0]?.doc
  if (owner && !docker && project.packages.has(dir)) readDetected(service, owner)
  return service.contexts
}

function push(service: Service, doc: Doc, label: string, span: Span, reasons: ProductionReason[], steps: StepInit[]): void {
  if (steps.length === 0) return
  const { dir, env } = service
  service.contexts.push({ id: `${doc.file}#${label}`, label: `${label} in ${doc.file}`, span, reasons, steps: steps.map((s) => ({ ...s, cwd: dir, env, reasons: [] })), runtime: railwayRuntime(service) })
}

/**
 * A service's variables are set in Railway's dashboard, outside the repository. A Node.js app that
 * Railpack or Nixpacks builds (no Dockerfile) gets NODE_ENV=production in every environment
 * (https://railpack.com/languages/node, Nixpacks' Node provider).
 */
function railwayRuntime(service: Service): RuntimeEnvironment {
  const node = !service.docker && service.project.packages.has(service.dir)
  return { ...OUTSIDE_ENVIRONMENT, label: "the service's variables (set in Railway, not in the repository)", ...(node && { values: { NODE_ENV: 'production' }, valuesBy: "the builder's Node.js provider" }) }
}

function stepsOf(service: Service, commands: Command[], phase: string): StepInit[] {
  const label = phase === 'start' ? 'runs on every deployment start' : phase === 'preDeploy' ? 'runs before every deployment goes live' : 'runs in every build'
  return commands.flatMap((c): StepInit[] => {
    // `"..."` stands for the commands the builder would have run there
    const invoke = c.text === '...' ? detectedInvocation(service, phase) : undefined
    if (invoke) return [{ label: `${label} (the builder's own \`${phase}\` commands)`, span: c.span, invoke }]
    if (!c.source) return []
    const step: ContextStep = { label, span: c.span, source: c.source, cwd: service.dir, env: service.env, reasons: [] }
    const script = imageScriptStep(c.text, service.dir, [service.workdir], service.project, step)
    return [script ? { ...step, nested: [script] } : step]
  })
}

/** the reasons for a command every environment runs, unless a production override replaces it */
function baseReasons(service: Service, phase: Phase, span: Span, weak: boolean): ProductionReason[] {
  const names = new Set(service.railways.flatMap((d) => d.keys(['environments'])))
  const replaced = [...names].find((e) => classifyEnvironmentName(e, service.config) === 'production' && service.railways.some((d) => d.commands(['environments', e, ...KEYS[phase]])))
  if (replaced) return [{ kind: 'environment', towards: false, detail: `environments.${replaced} replaces it in production`, span }]
  return [{ kind: 'platform-phase', towards: true, detail: PHASE[phase], span, ...(weak ? { weak } : {}) }]
}

function readConfigAsCode(service: Service): void {
  for (const doc of service.railways) {
    for (const phase of Object.keys(KEYS) as Phase[]) {
      const commands = doc.commands([...KEYS[phase]])
      const span = doc.keySpan([...KEYS[phase]])
      if (commands && span) {
        service.named.add(phase)
        // the docs give buildCommand to the builder; a Dockerfile build may ignore it (UNVERIFIED): a warning
        push(service, doc, `Railway ${KEYS[phase].join('.')}`, span, baseReasons(service, phase, span, service.docker && phase === 'build'), stepsOf(service, commands, phase))
      }
      for (const name of doc.keys(['environments'])) {
        const path = ['environments', name, ...KEYS[phase]]
        const commands = doc.commands(path)
        const at = doc.keySpan(path)
        if (commands && at) push(service, doc, `Railway ${path.join('.')}`, at, environmentReasons(name, phase, at, service.config), stepsOf(service, commands, phase))
      }
    }
  }
}

/** nixpacks.toml `[phases.<name>] cmds` and `[start] cmd`; railpack.json `steps.<name>.commands` and `deploy.startCommand` */
function readPlan(service: Service, doc: Doc, prefix: string[], railpack: boolean): void {
  const tool = railpack ? 'Railpack' : 'Nixpacks'
  // next to a Dockerfile, Railway does not run the builder at all; another platform might
  const weak = service.docker
  const fromConfig = new Set(service.named)
  for (const name of doc.keys([...prefix, railpack ? 'steps' : 'phases'])) {
    const path = [...prefix, railpack ? 'steps' : 'phases', name, railpack ? 'commands' : 'cmds']
    const commands = doc.commands(path)
    const span = doc.keySpan(path)
    if (!commands || !span) continue
    if (!commands.some((c) => c.text === '...')) service.named.add(name)
    if (name === 'build' && fromConfig.has('build')) continue
    const reasons = name === 'build' ? baseReasons(service, 'build', span, weak) : [{ kind: 'platform-phase' as const, towards: true, detail: `${tool} runs the \`${name}\` phase in every build`, span, ...(weak ? { weak } : {}) }]
    push(service, doc, `${tool} ${path.join('.')}`, span, reasons, stepsOf(service, commands, name))
  }
  const path = [...prefix, ...(railpack ? ['deploy', 'startCommand'] : ['start', 'cmd'])]
  const start = doc.commands(path)
  const span = doc.keySpan(path)
  if (!start || !span) return
  service.named.add('start')
  if (!fromConfig.has('start')) push(service, doc, `${tool} ${path.join('.')}`, span, baseReasons(service, 'start', span, weak), stepsOf(service, start, 'start'))
}

/** what the builder does for a Node service where no file names a command: install, `build`, `start` */
function readDetected(service: Service, owner: Doc): void {
  const span = owner.keySpan(['build', 'builder']) ?? service.project.cache.get(owner.file)!.span(0, 0)
  const detected = (phase: 'install' | Phase, name: string, reasons: ProductionReason[]) => {
    const invoke = detectedInvocation(service, phase)
    if (!service.named.has(phase) && invoke) push(service, owner, `Railway ${name} (detected by the builder)`, span, reasons, [{ label: phase === 'start' ? 'runs on every deployment start' : 'runs in every build', span, invoke }])
  }
  detected('install', 'dependency install', [{ kind: 'platform-phase', towards: true, detail: 'the builder installs dependencies in every build', span }])
  detected('build', 'package.json `build`', baseReasons(service, 'build', span, false))
  detected('start', 'package.json `start`', baseReasons(service, 'start', span, false))
}

function detectedInvocation(service: Service, phase: string): PlatformInvocation[] | undefined {
  const { dir, docker, project } = service
  if (docker || !project.packages.has(dir)) return undefined
  if (phase === 'install') return [{ kind: 'install', packageDir: dir, via: 'the builder installs dependencies' }]
  if (phase === 'build' || phase === 'start') return [{ kind: 'script', packageDir: dir, name: phase, ifPresent: true, hooks: true, via: `the builder runs the \`${phase}\` script` }]
  return undefined
}

/** `environments.<name>` applies to that environment only; `pr` to pull-request environments */
function environmentReasons(name: string, phase: Phase, span: Span, config: SeedguardConfig): ProductionReason[] {
  const verdict = name === 'pr' ? 'not-production' : classifyEnvironmentName(name, config)
  if (verdict === 'not-production') return [{ kind: 'environment', towards: false, detail: `Railway environment \`${name}\` is not production`, span }]
  // an environment named neither way may be a second production (a region, a tenant)
  return [{ kind: 'platform-phase', towards: true, detail: `${PHASE[phase]} in environment \`${name}\``, span, ...(verdict === 'production' ? {} : { weak: true }) }]
}

function railwayImages(file: string, project: Project, _config: SeedguardConfig, out: Artifacts): void {
  const lines = project.cache.get(file)
  if (!lines) return
  const dir = dirnameOf(file)
  let builder: string | undefined, path: string | undefined, command: ShellSource | undefined
  if (file.endsWith('.json')) {
    const { root } = parseJsonOf(lines)
    builder = jsonString(jsonAt(root, ['build', 'builder']))
    path = jsonString(jsonAt(root, ['build', 'dockerfilePath']))
    const start = jsonAt(root, ['deploy', 'startCommand'])
    if (jsonString(start)?.trim()) command = shellSourceOfJsonString(start!, lines)
  } else {
    const view = tomlOf(project, file)
    if (!view) return
    builder = view.string('build.builder')?.value
    path = view.string('build.dockerfilePath')?.value
    const start = view.string('deploy.startCommand')?.node
    command = start && view.shellSource(start)
    if (!command?.text.trim()) command = undefined
  }
  // Railway always uses a Dockerfile it finds unless another builder is named (config-as-code reference)
  if (builder !== undefined && builder.toUpperCase() !== 'DOCKERFILE' && !path) return
  const dockerfile = path ? joinPath(dir, path) : defaultDockerfile(project, dir)
  if (!dockerfile || !project.cache.exists(dockerfile)) return
  out.images.push({ dockerfile, context: dir, production: 'production', via: 'platform', detail: `Railway builds it (${file})`, span: lines.span(0, 0), ...(command && { command: { label: `Railway startCommand in ${file}`, source: command } }) })
}
