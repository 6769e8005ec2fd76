// https://skaffold.dev/docs/builders/builder-types/docker/
import { parseAllDocuments } from 'yaml'
import { fileStartSpan } from '../model/span.js'
import type { Artifacts } from '../production/deployments.js'
import type { Project } from '../project/project.js'
import { dirnameOf, joinPath } from '../util/paths.js'
import type { SourceReader } from './types.js'

interface Artifact {
  image?: unknown
  context?: unknown
  docker?: { dockerfile?: unknown; target?: unknown } | null
}

interface SkaffoldConfig {
  build?: { artifacts?: Artifact[] | null } | null
  profiles?: { name?: unknown; build?: { artifacts?: Artifact[] | null } | null }[] | null
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined)

export interface SkaffoldArtifact {
  dockerfile: string
  context: string
  target?: string
  image: string
  /** the profile whose `build` section holds it; none for the base `build` */
  profile?: string
}

/**
 * Each `build.artifacts[]` entry (of the file's configs and of their profiles) builds an image with
 * Docker: `context` is the build context, relative to skaffold.yaml (default `.`), and
 * `docker.dockerfile` is relative to that context (default `Dockerfile`). `profiles`: the profiles
 * a command activates (`-p prod`), whose `build` section replaces the base one
 * (https://skaffold.dev/docs/environment/profiles/); every artifact of the file when not given.
 */
export function skaffoldArtifacts(project: Project, file: string, profiles?: readonly string[]): SkaffoldArtifact[] {
  const source = project.cache.get(file)?.text
  if (source === undefined) return []
  const out: SkaffoldArtifact[] = []
  for (const doc of parseAllDocuments(source)) {
    if (!('errors' in doc) || doc.errors.length > 0) continue
    const config = doc.toJS() as SkaffoldConfig | null
    const ofProfiles = (config?.profiles ?? []).map((p) => ({ profile: text(p?.name) ?? '?', artifacts: p?.build?.artifacts }))
    const active = profiles === undefined ? ofProfiles : ofProfiles.filter((p) => profiles.includes(p.profile) && Array.isArray(p.artifacts)).slice(-1)
    const builds = [...(profiles === undefined || active.length === 0 ? [{ profile: undefined, artifacts: config?.build?.artifacts }] : []), ...active]
    for (const { profile, artifacts } of builds) {
      for (const artifact of Array.isArray(artifacts) ? artifacts : []) {
        const context = joinPath(dirnameOf(file), text(artifact?.context) ?? '.')
        const dockerfile = context === undefined ? undefined : joinPath(context, text(artifact.docker?.dockerfile) ?? 'Dockerfile')
        if (context === undefined || dockerfile === undefined) continue
        const target = text(artifact.docker?.target)
        out.push({ dockerfile, context, ...(target && { target }), image: text(artifact.image) ?? '?', ...(profile !== undefined && { profile }) })
      }
    }
  }
  return out
}

/** Where the images run depends on where `skaffold run` or `skaffold dev` is started: unknown from this file alone. */
function skaffoldImages(file: string, project: Project, _config: unknown, out: Artifacts): void {
  for (const { image, profile, ...build } of skaffoldArtifacts(project, file)) {
    out.images.push({ ...build, production: 'unknown', via: 'ci', buildOnly: true, detail: `built by ${file} as image \`${image}\`${profile === undefined ? '' : ` (profile \`${profile}\`)`}`, span: fileStartSpan(file) })
  }
}

const skaffold: SourceReader = {
  id: 'skaffold',
  title: 'Skaffold',
  docs: 'https://skaffold.dev/docs/builders/builder-types/docker/',
  files: ['**/skaffold.yaml', '**/skaffold.yml'],
  // it runs nothing itself: it declares the images it builds, for the Dockerfile reader
  read: () => ({ contexts: [], problems: [] }),
  deploys: { read: skaffoldImages },
}
export default skaffold
