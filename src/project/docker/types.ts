// What the image consumers are found to do: a leaf shared by uses.ts and the consumer readers it calls.
import type { ManifestApply } from '../../deploys/kubernetes.js'
import type { ShellSource } from '../../model/context.js'
import type { Span } from '../../model/span.js'

/** yes: runs on production deploys; maybe: may, under conditions the files cannot show; no: local/dev only */
export type Production = 'yes' | 'maybe' | 'no'

/** One consumer of a Dockerfile: a platform config, a workflow or script that ships the image, a compose service. */
export interface ImageUse {
  dockerfile: string
  /** the build context directory */
  context: string
  target?: string
  production: Production
  detail: string
  span: Span
  via: 'platform' | 'workflow' | 'script' | 'compose' | 'devcontainer'
  /** a platform start command that replaces the image CMD; the ENTRYPOINT still runs */
  command?: { label: string; source: ShellSource }
  composeFile?: string
  /** `--build-arg`s, a secret kept recognisable as `<secret NAME>` */
  buildArgs?: Record<string, string>
  /** the environment the consumer gives the running container (render.yaml `envVars`, fly.toml `[env]`) */
  env?: Record<string, string>
}

/** One `docker compose … up|run` as written: which file, which profiles, which services. */
export interface ComposeUp {
  file: string
  /** `up` brings up the stack; `run` starts only the service it names */
  subcommand: 'up' | 'run'
  /** enabled by `--profile` or `COMPOSE_PROFILES`; `*` enables every profile */
  profiles: string[]
  /** named on the command line: these start whatever their `profiles:` say */
  services: string[]
}

/** A workflow or script that brings a compose file up on a server. */
export interface ComposeRun extends ComposeUp {
  production: Production
  detail: string
}

/** A chart or manifests a workflow or script applies to a cluster (`helm upgrade`, `kubectl apply -f`). */
export interface ManifestRun extends ManifestApply {
  production: Production
  detail: string
}

export interface DockerFacts {
  images: ImageUse[]
  composeRuns: ComposeRun[]
  manifestRuns: ManifestRun[]
}

export type Build = Omit<ImageUse, 'production' | 'detail' | 'via'> & { deployed?: string }
