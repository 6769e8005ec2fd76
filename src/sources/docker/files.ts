// Which files are Dockerfiles or compose files, and reading them: shared by every consumer.
import { basenameOf, joinPath } from '../../util/paths.js'
import { TomlView } from '../../util/toml.js'
import { parseYamlOf, YamlView, type YamlEntry } from '../../util/yaml.js'
import type { Project } from '../../project/project.js'

// the default names (compose.yaml, docker-compose.yml) and the variants `-f` takes, named with a dot
// or a dash either side: docker-compose.prod.yml, docker-compose-production.yml, prod.docker-compose.yml;
// and the swarm stack files `docker stack deploy -c` takes (docker-stack.yml, docker-stack.prod.yml), compose files too
const COMPOSE = /^(?:[^/]+[.-])?(?:(?:docker-)?compose|docker-stack)(?:[.-][^/]+)?\.ya?ml$/

// `Dockerfile.<suffix>` names a variant (`.prod`, `.dev`); a source, docs or template suffix names
// something else (`dockerfile.ts`, `Dockerfile.md`, `Dockerfile.j2`), which docker would not build
const NOT_A_VARIANT = new Set(
  'ts tsx mts cts js jsx mjs cjs json jsonc py rb go rs java kt php cs swift sh bash md mdx txt rst html snap map lock yml yaml toml j2 jinja jinja2 tpl tmpl template erb bak orig swp dockerignore sample example'.split(' '),
)

/** A Dockerfile (or Podman's Containerfile) by name: `Dockerfile`, `Dockerfile.prod`, `api.Dockerfile`. */
export function isDockerfile(path: string): boolean {
  const match = /^(?:(?:Dockerfile|dockerfile|Containerfile|containerfile)(\.[^/]*)?|.+\.(?:[Dd]ockerfile|[Cc]ontainerfile))$/.exec(basenameOf(path))
  const suffix = match?.[1]
  return match !== null && (suffix === undefined || !NOT_A_VARIANT.has(suffix.slice(suffix.lastIndexOf('.') + 1).toLowerCase()))
}
// a workflow named for compose (`.github/workflows/docker-compose-ci.yml`) is GitHub's, not Compose's
export const isComposeFile = (path: string): boolean => COMPOSE.test(basenameOf(path)) && !/(^|\/)\.github\//.test(path)

/**
 * The services of a compose file: its `services:` map, or in the version 1 format that
 * docker-compose 1.x still runs (no `version:`, no `services:`) the entries at the root that name
 * an `image` or a `build`, one of which a version 1 service must have
 * (https://github.com/docker/compose/blob/v1/docs/compose-versioning.md#version-1).
 */
export function composeServices(view: YamlView): readonly YamlEntry[] {
  const services = view.get(view.root, 'services')
  if (services !== undefined || view.get(view.root, 'version') !== undefined) return view.entries(services)
  return view.entries(view.root).filter(({ value }) => view.get(value, 'image') !== undefined || view.get(value, 'build') !== undefined)
}

/** What `docker build <dir>` picks without `-f`: `Dockerfile`, then the lower-case `dockerfile` BuildKit also accepts. */
export function defaultDockerfile(project: Project, dir: string): string | undefined {
  return ['Dockerfile', 'dockerfile'].map((n) => joinPath(dir, n)).find((p): p is string => p !== undefined && project.cache.exists(p))
}

export function yamlOf(project: Project, file: string): YamlView | undefined {
  const lines = project.cache.get(file)
  if (!lines) return undefined
  const { doc, error } = parseYamlOf(lines)
  return error ? undefined : new YamlView(doc, lines)
}

export function tomlOf(project: Project, file: string): TomlView | undefined {
  const lines = project.cache.get(file)
  const parsed = lines && TomlView.parse(lines)
  return parsed && 'view' in parsed ? parsed.view : undefined
}

