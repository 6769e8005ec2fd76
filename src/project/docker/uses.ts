// https://docs.docker.com/reference/cli/docker/buildx/build/#file : who builds which Dockerfile, and for what
// Every image consumer in the project read once into facts: which Dockerfiles and compose files run in production.
import type { SeedguardConfig } from '../../config/types.js'
import { basenameOf, dirnameOf } from '../../util/paths.js'
import type { Project } from '../project.js'
import { isOverlay, readComposeBuilds } from './compose.js'
import { readDevcontainer } from './devcontainer.js'
import { isComposeFile, nameVerdict } from './files.js'
import { readDigitalOcean, readFly, readHeroku, readKamal, readRailway, readRender } from './platforms.js'
import { readScript } from './scripts.js'
import type { DockerFacts, ImageUse, ManifestRun, Production } from './types.js'
import { readWorkflow } from './workflows.js'

/** per project, read again when a deploy names another directory (`generation`): its consumers count from then on */
const facts = new WeakMap<Project, { generation: number; found: DockerFacts }>()

export function imageUsesOf(project: Project, config: SeedguardConfig, dockerfile: string): ImageUse[] {
  return dockerFacts(project, config)
    .images.filter((u) => u.dockerfile === dockerfile)
    .map((u) => {
      if (!u.composeFile) return u
      // a compose file's production-ness needs every workflow and script read first
      const { production, detail } = composeFileProduction(project, config, u.composeFile)
      return { ...u, production, detail: `${u.detail}: ${detail}` }
    })
}

/**
 * Whether a compose file is the production stack: a deploy brings it up, its name says
 * production, or it is the plain file beside a `*.prod.yml` stack of its own (then it is the dev one).
 */
export function composeFileProduction(project: Project, config: SeedguardConfig, file: string): { production: Production; detail: string } {
  // `run seed` starts one service, not the stack
  const runs = dockerFacts(project, config).composeRuns.filter((r) => r.file === file && r.subcommand === 'up')
  const run = runs.find((r) => r.production === 'yes') ?? runs[0]
  if (run) return run
  const named = nameVerdict(basenameOf(file).replace(/\.ya?ml$/, ''), config)
  if (named === 'production') return { production: 'yes', detail: `${file} is named for production` }
  if (named === 'not-production' || /override/.test(basenameOf(file))) return { production: 'no', detail: `${file} is named for local or non-production use` }
  const dir = dirnameOf(file)
  const sibling = project.cache.files.list().find((f) => f !== file && dirnameOf(f) === dir && isComposeFile(f) && nameVerdict(basenameOf(f).replace(/\.ya?ml$/, ''), config) === 'production')
  if (sibling && !isOverlay(project, sibling)) return { production: 'no', detail: `${sibling} is the production stack; ${file} is the local one` }
  // beside a stack named for local development, the plain file is the other one: the one deployed
  const local = project.cache.files.list().find((f) => f !== file && dirnameOf(f) === dir && isComposeFile(f) && /(^|[.-])(dev|development|local)([.-]|$)/.test(basenameOf(f).replace(/\.ya?ml$/, '')))
  if (local) return { production: 'yes', detail: `${local} is the local stack; ${file} is the one deployed` }
  return { production: 'maybe', detail: `${file} has no production deploy in the repository` }
}

/**
 * A production run that starts a service the stack alone would not: one behind `profiles:` whose
 * profile it enables (`--profile`, `COMPOSE_PROFILES`, `*` for all), or one it names (`up seed`,
 * `run seed`), which starts whatever its profiles (https://docs.docker.com/compose/how-tos/profiles/).
 */
export function composeServiceStart(project: Project, config: SeedguardConfig, file: string, service: string, profiles: string[]): { production: Production; detail: string } | undefined {
  const run = dockerFacts(project, config).composeRuns.find(
    (r) => r.file === file && r.production === 'yes' && (r.services.includes(service) || (r.subcommand === 'up' && profiles.some((p) => r.profiles.includes(p) || r.profiles.includes('*')))),
  )
  if (!run) return undefined
  const why = run.services.includes(service) ? `\`${run.subcommand} ${service}\` names it` : `it enables profile ${profiles.filter((p) => run.profiles.includes(p) || run.profiles.includes('*')).join(', ')}`
  return { production: 'yes', detail: `${run.detail}; ${why}` }
}

/** Every chart and manifest path a workflow or script applies to a cluster. */
export function manifestRuns(project: Project, config: SeedguardConfig): ManifestRun[] {
  return dockerFacts(project, config).manifestRuns
}

/** What deploys build and bring up (Dockerfiles, compose files, charts and manifests): deployed wherever they are. */
export function deployedBuilds(project: Project, config: SeedguardConfig): string[] {
  const { images, composeRuns, manifestRuns } = dockerFacts(project, config)
  return [...images.filter((u) => u.production !== 'no').map((u) => u.dockerfile), ...composeRuns.filter((r) => r.production !== 'no').map((r) => r.file), ...manifestRuns.filter((r) => r.production !== 'no').map((r) => r.path)]
}

function dockerFacts(project: Project, config: SeedguardConfig): DockerFacts {
  const known = facts.get(project)
  if (known?.generation === project.trees.generation) return known.found
  const found: DockerFacts = { images: [], composeRuns: [], manifestRuns: [] }
  for (const file of project.cache.files.list()) {
    // a sample config in a docs or test tree builds nothing that is deployed
    if (!project.trees.isDeployed(file)) continue
    try {
      readConsumer(project, file, config, found)
    } catch {
      // a consumer that cannot be read says nothing about the image; its own reader reports the file
    }
  }
  facts.set(project, { generation: project.trees.generation, found })
  return found
}

function readConsumer(project: Project, file: string, config: SeedguardConfig, found: DockerFacts): void {
  const base = basenameOf(file)
  if (/^fly(\.[\w-]+)?\.toml$/.test(base)) readFly(project, file, config, found.images)
  else if (/(^|\/)config\/deploy\.yml$/.test(file)) readKamal(project, file, found.images)
  else if (base === 'railway.json' || base === 'railway.toml') readRailway(project, file, found.images)
  else if (base === 'render.yaml' || base === 'render.yml') readRender(project, file, config, found.images)
  else if (/^\.do\/(app|deploy\.template)\.ya?ml$/.test(file)) readDigitalOcean(project, file, found.images)
  else if (base === 'heroku.yml') readHeroku(project, file, found.images)
  else if (isComposeFile(file)) readComposeBuilds(project, file, found.images)
  else if (/^\.github\/workflows\/[^/]+\.ya?ml$/.test(file)) readWorkflow(project, file, config, found)
  else if (/(^|\/)devcontainer\.json$|^\.devcontainer\.json$/.test(file)) readDevcontainer(project, file, found)
  else if (/\.(sh|bash)$/.test(base)) readScript(project, file, config, found)
}
