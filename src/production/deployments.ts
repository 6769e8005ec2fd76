// What the repository's deploys ship: the images, compose stacks and manifests each source reader
// says its files deploy, read once per project and asked for by the readers of those artifacts.
import type { SeedguardConfig } from '../config/types.js'
import type { ManifestApply } from '../deploys/kubernetes.js'
import type { ShellSource } from '../model/context.js'
import type { ImageName } from '../model/image-name.js'
import type { Verdict } from '../model/production.js'
import type { Span } from '../model/span.js'
import type { Project } from '../project/project.js'
import { globMatcher } from '../util/globs.js'
import { nameVerdict } from './evidence.js'

/**
 * One consumer of a Dockerfile: a platform config, a workflow or script that ships the image, a
 * compose service; or one that runs the image by a name its build gives it (`by-name`).
 */
export interface ImageUse {
  dockerfile: string
  /** the build context directory */
  context: string
  target?: string
  production: Verdict
  detail: string
  span: Span
  via: 'platform' | 'ci' | 'script' | 'compose' | 'devcontainer' | 'by-name'
  /** a platform start command that replaces the image CMD; the ENTRYPOINT still runs unless `entrypoint` says it is replaced too */
  command?: { label: string; source: ShellSource; entrypoint?: boolean }
  /** a compose service: as production as its stack, known once every deploy is read */
  compose?: ComposeService
  /** `--build-arg`s, a secret kept recognisable as `<secret NAME>` */
  buildArgs?: Record<string, string>
  /** build secrets by id (`--secret id=…,env=…`, build-push-action `secrets:`), a secret kept recognisable as `<secret NAME>` */
  buildSecrets?: Record<string, string>
  /** the environment the consumer gives the running container (render.yaml `envVars`, fly.toml `[env]`) */
  env?: Record<string, string>
  /** the names the build tags the image with (`docker build -t`, compose `image:` beside `build:`) */
  names?: ImageName[]
  /** it builds (and pushes) the image without running it: what runs the image by name says where it runs */
  buildOnly?: boolean
  /** `by-name`: the build that gave the image the name this consumer runs */
  builtAs?: { name: string; detail: string; span: Span }
}

/** A compose service that builds or runs an image. */
export interface ComposeService {
  file: string
  service: string
  profiles: string[]
  /** its environment says it runs as a developer's (NODE_ENV=development) */
  local?: string
  /** its own `entrypoint:` or `command:` in place of the image's */
  replaces?: 'entrypoint' | 'command'
}

/**
 * A consumer that runs an image by name rather than building a Dockerfile: a compose service with
 * `image:` and no `build:`, a container of a Kubernetes manifest. Its Dockerfile is the one a build
 * names so (see ImageUse.names).
 */
export interface ImageRun {
  image: ImageName
  production: Verdict
  detail: string
  span: Span
  compose?: ComposeService
  command?: ImageUse['command']
  env?: Record<string, string>
}

/** A build as a command or step writes it, before it is known to ship: `deployed` names the deploy CLI that ships it. */
export type Build = Omit<ImageUse, 'production' | 'detail' | 'via'> & { deployed?: string }

/** One `docker compose … up|run` as written: which file, which profiles, which services. */
export interface ComposeUp {
  file: string
  /** `up` brings up the stack; `run` starts only the service it names */
  subcommand: 'up' | 'run'
  /** enabled by `--profile` or `COMPOSE_PROFILES`; `*` enables every profile */
  profiles: string[]
  /** named on the command line: these start whatever their `profiles:` say */
  services: string[]
  /** `docker stack deploy -c <file> <stack>`: the swarm the command talks to runs it, wherever the command is typed */
  stack?: string
}

/** A workflow or script that brings a compose file up on a server. */
export interface ComposeRun extends ComposeUp {
  production: Verdict
  detail: string
}

/** A chart or manifests a workflow or script applies to a cluster (`helm upgrade`, `kubectl apply -f`). */
export interface ManifestRun extends ManifestApply {
  production: Verdict
  detail: string
}

/** A script, Makefile or CI job that runs a playbook of the repository with `ansible-playbook -i`. */
export interface PlaybookRun {
  playbook: string
  /** the repository paths `-i` names (a host list is no path) */
  inventories: string[]
  /** `not-production` where what runs it is (a staging job, a script named for staging); else the inventory decides */
  production: Verdict
  detail: string
  span: Span
}

/** A job or script that starts or installs a systemd unit (`systemctl restart app`, a unit file copied into /etc/systemd/system). */
export interface UnitRun {
  /** as systemctl names it: `app`, a template `worker@` */
  unit: string
  production: Verdict
  detail: string
}

export interface Artifacts {
  images: ImageUse[]
  /** compose services that run an image by name; manifests' containers are read once the deploys that apply them are known */
  imageRuns: ImageRun[]
  composeRuns: ComposeRun[]
  manifestRuns: ManifestRun[]
  playbookRuns: PlaybookRun[]
  unitRuns: UnitRun[]
}

/**
 * How a source reader's files declare what they deploy. `files`/`accepts`: where that differs from
 * the files the reader reads for contexts (any shell script may push an image, while only one named
 * for deploying is an entry point of its own).
 */
export interface DeployReading {
  files?: string[]
  accepts?(file: string): boolean
  read(file: string, project: Project, config: SeedguardConfig, out: Artifacts): void
}

export interface ArtifactSource {
  files: string[]
  accepts?(file: string): boolean
  deploys?: DeployReading
}

/** Every artifact the deploys in deployed trees declare, read again when a deploy names another directory. */
export class Deployments {
  private found?: { generation: number; artifacts: Artifacts }
  private readonly readers: { owns: (file: string) => boolean; reading: DeployReading }[]

  constructor(
    private readonly project: Project,
    private readonly config: SeedguardConfig,
    sources: readonly ArtifactSource[],
  ) {
    this.readers = sources.flatMap((s) => (s.deploys ? [{ owns: globMatcher(s.deploys.files ?? s.files, s.deploys.files ? s.deploys.accepts : (s.deploys.accepts ?? s.accepts)), reading: s.deploys }] : []))
  }

  get artifacts(): Artifacts {
    const { project } = this
    if (this.found?.generation === project.trees.generation) return this.found.artifacts
    const artifacts: Artifacts = { images: [], imageRuns: [], composeRuns: [], manifestRuns: [], playbookRuns: [], unitRuns: [] }
    for (const file of project.cache.files.list()) {
      // a sample config in a docs or test tree builds nothing that is deployed
      if (!project.trees.isDeployed(file)) continue
      for (const { owns, reading } of this.readers) {
        if (!owns(file)) continue
        try {
          reading.read(file, project, this.config, artifacts)
        } catch {
          // a consumer that cannot be read says nothing about what it deploys; its own reader reports the file
        }
      }
    }
    // a swarm stack named for staging is staging's, whichever job or script deploys it
    for (const run of artifacts.composeRuns) {
      if (run.stack === undefined || nameVerdict(run.stack, this.config) !== 'not-production') continue
      run.production = 'not-production'
      run.detail = `${run.detail}; stack \`${run.stack}\` is not production`
    }
    this.found = { generation: project.trees.generation, artifacts }
    return artifacts
  }

  /** What production deploys build and bring up (Dockerfiles, compose files, charts and manifests): deployed wherever they are. */
  deployedPaths(): string[] {
    const { images, composeRuns, manifestRuns } = this.artifacts
    const shipped = (a: { production: Verdict }) => a.production !== 'not-production'
    return [...images.filter(shipped).map((u) => u.dockerfile), ...composeRuns.filter(shipped).map((r) => r.file), ...manifestRuns.filter(shipped).map((r) => r.path)]
  }
}
