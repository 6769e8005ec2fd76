// Deploy platforms whose config builds a Dockerfile (Fly, Kamal, Railway, Render, App Platform, Heroku), and their commands.
import type { SeedguardConfig } from '../../config/types.js'
import type { ShellSource } from '../../model/context.js'
import { jsonAt, jsonString, parseJson, shellSourceOfJsonString } from '../../util/json.js'
import { basenameOf, dirnameOf, joinPath } from '../../util/paths.js'
import type { Project } from '../project.js'
import { appPlatformEnvs, flyEnv, renderEnvVarGroups, renderEnvVars } from './platform-env.js'
import { defaultDockerfile, nameVerdict, tomlOf, yamlOf } from './files.js'
import type { ImageUse } from './types.js'

export function readFly(project: Project, file: string, config: SeedguardConfig, out: ImageUse[]): void {
  const parsed = tomlOf(project, file)
  if (!parsed || parsed.string('build.image') || parsed.entries.has('build.builder') || parsed.entries.has('build.buildpacks')) return
  const dir = dirnameOf(file)
  const named = parsed.string('build.dockerfile')
  const dockerfile = named ? joinPath(dir, named.value) : defaultDockerfile(project, dir)
  if (!dockerfile) return
  const app = parsed.string('app')?.value
  const production = nameVerdict(`${basenameOf(file)} ${app ?? ''}`, config) === 'not-production' ? 'no' : 'yes'
  const base = { dockerfile, context: dir, production, via: 'platform', detail: `Fly builds it for app \`${app ?? '?'}\` (${file})`, span: parsed.lines.span(0, 0), env: flyEnv(parsed) } as const
  const target = parsed.string('build.build-target')?.value
  // each `[processes]` command, or `[experimental] cmd`, runs instead of CMD (superfly/docs configuration)
  const commands = parsed.childrenOf('processes').map((p) => ({ label: `Fly process \`${p}\``, node: parsed.string(`processes.${p}`)?.node }))
  const cmd = parsed.string('experimental.cmd')?.node
  if (cmd) commands.push({ label: 'Fly `[experimental] cmd`', node: cmd })
  const sources = commands.map((c) => ({ label: `${c.label} in ${file}`, source: c.node && parsed.shellSource(c.node) })).filter((c) => c.source?.text.trim())
  if (sources.length === 0) out.push({ ...base, ...(target && { target }) })
  for (const c of sources) out.push({ ...base, ...(target && { target }), command: { label: c.label, source: c.source! } })
}

/** Kamal builds `builder.dockerfile` (default `Dockerfile`) in `builder.context`; a role's `cmd` replaces CMD */
export function readKamal(project: Project, file: string, out: ImageUse[]): void {
  const view = yamlOf(project, file)
  if (!view || view.get(view.root, 'service') === undefined || view.get(view.root, 'image') === undefined) return
  const root = dirnameOf(dirnameOf(file))
  const builder = view.get(view.root, 'builder')
  const context = joinPath(root, view.string(view.get(builder, 'context')) ?? '.') ?? root
  const dockerfile = joinPath(root, view.string(view.get(builder, 'dockerfile')) ?? 'Dockerfile')
  if (!dockerfile || !project.cache.exists(dockerfile)) return
  const base = { dockerfile, context, production: 'yes', via: 'platform', detail: `Kamal builds and deploys it (${file})`, span: view.span(view.get(view.root, 'image')) } as const
  const servers = view.get(view.root, 'servers')
  const roles = view.entries(servers)
  const commands = roles.map((r) => ({ role: r.key, source: view.shellSource(view.get(r.value, 'cmd'), 'sh') }))
  if (roles.length === 0 || commands.some((c) => !c.source)) out.push(base)
  for (const c of commands) if (c.source) out.push({ ...base, command: { label: `Kamal role \`${c.role}\` cmd in ${file}`, source: c.source } })
}

export function readRailway(project: Project, file: string, out: ImageUse[]): void {
  const lines = project.cache.get(file)
  if (!lines) return
  const dir = dirnameOf(file)
  let builder: string | undefined, path: string | undefined, command: ShellSource | undefined
  if (file.endsWith('.json')) {
    const { root } = parseJson(lines.text)
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
  out.push({ dockerfile, context: dir, production: 'yes', via: 'platform', detail: `Railway builds it (${file})`, span: lines.span(0, 0), ...(command && { command: { label: `Railway startCommand in ${file}`, source: command } }) })
}

export function readRender(project: Project, file: string, config: SeedguardConfig, out: ImageUse[]): void {
  const view = yamlOf(project, file)
  if (!view) return
  const groups = new Map<string, Record<string, string>>()
  renderEnvVarGroups(view, view.get(view.root, 'envVarGroups'), groups)
  for (const service of view.items(view.get(view.root, 'services'))) {
    if ((view.string(view.get(service, 'runtime')) ?? view.string(view.get(service, 'env'))) !== 'docker') continue
    const name = view.string(view.get(service, 'name'))
    const base = joinPath(dirnameOf(file), view.string(view.get(service, 'rootDir')) ?? '.') ?? '.'
    const path = view.string(view.get(service, 'dockerfilePath')) ?? './Dockerfile'
    const dockerfile = [joinPath(base, path), joinPath(dirnameOf(file), path)].find((p): p is string => p !== undefined && project.cache.exists(p))
    if (!dockerfile) continue
    const context = joinPath(base, view.string(view.get(service, 'dockerContext')) ?? '.') ?? base
    const production = nameVerdict(name ?? '', config) === 'not-production' ? 'no' : 'yes'
    const command = view.shellSource(view.get(service, 'dockerCommand'), 'sh')
    const env = renderEnvVars(view, view.get(service, 'envVars'), groups)
    out.push({ dockerfile, context, production, via: 'platform', detail: `Render builds it for service \`${name ?? '?'}\` (${file})`, span: view.span(service), env, ...(command?.text && { command: { label: `Render dockerCommand in ${file}`, source: command } }) })
  }
}

export function readDigitalOcean(project: Project, file: string, out: ImageUse[]): void {
  const view = yamlOf(project, file)
  if (!view) return
  const spec = view.get(view.root, 'spec') ?? view.root
  for (const kind of ['services', 'workers', 'jobs']) {
    for (const component of view.items(view.get(spec, kind))) {
      const path = view.string(view.get(component, 'dockerfile_path'))
      const dockerfile = path && joinPath('.', path)
      if (!dockerfile || !project.cache.exists(dockerfile)) continue
      const command = view.shellSource(view.get(component, 'run_command'), 'sh')
      const env = { ...appPlatformEnvs(view, view.get(spec, 'envs'), 'RUN'), ...appPlatformEnvs(view, view.get(component, 'envs'), 'RUN') }
      out.push({ dockerfile, context: joinPath('.', view.string(view.get(component, 'source_dir')) ?? '.') ?? '.', production: 'yes', via: 'platform', detail: `App Platform builds it for \`${view.string(view.get(component, 'name')) ?? kind}\` (${file})`, span: view.span(component), env, ...(command?.text && { command: { label: `App Platform run_command in ${file}`, source: command } }) })
    }
  }
}

export function readHeroku(project: Project, file: string, out: ImageUse[]): void {
  const view = yamlOf(project, file)
  if (!view) return
  for (const { key: proc, value } of view.entries(view.get(view.get(view.root, 'build'), 'docker'))) {
    const path = view.string(value) ?? view.string(view.get(value, 'dockerfile'))
    const dockerfile = path && joinPath(dirnameOf(file), path)
    if (!dockerfile || !project.cache.exists(dockerfile)) continue
    const target = view.string(view.get(value, 'target'))
    const run = view.get(view.get(view.root, 'run'), proc)
    const command = view.shellSource(view.string(run) !== undefined ? run : undefined, 'sh')
    out.push({ dockerfile, context: dirnameOf(dockerfile), production: 'yes', via: 'platform', detail: `Heroku builds it for the \`${proc}\` process (${file})`, span: view.span(value), ...(target && { target }), ...(command?.text && { command: { label: `heroku.yml run.${proc}`, source: command } }) })
  }
}
