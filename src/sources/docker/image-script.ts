// A script a platform starts by its path in the built image, found in the repository: shared by the Railway and Fly readers.
import type { ContextStep } from '../../model/context.js'
import type { Project } from '../../project/project.js'
import { joinPath, relativePath } from '../../util/paths.js'

/** The last WORKDIR of a Dockerfile: where a `COPY . .` puts the repository in the image. */
export function readDockerWorkdir(project: Project, dir: string, dockerfile = 'Dockerfile'): string | undefined {
  const text = project.cache.get(joinPath(dir, dockerfile) ?? '')?.text ?? ''
  const workdir = [...text.matchAll(/^\s*WORKDIR\s+["']?([^\s"']+)/gim)].pop()?.[1]
  return workdir?.startsWith('/') ? workdir.replace(/\/+$/, '') : undefined
}

/**
 * A command that runs a script by its path in the image (`/app/scripts/start.sh`): the walker
 * follows repository paths only, so the script is the repository's file under the image's app
 * directory, run as a nested step.
 */
export function imageScriptStep(command: string, dir: string, appDirs: (string | undefined)[], project: Project, step: ContextStep): ContextStep | undefined {
  const path = /^\s*(?:(?:ba|da)?sh\s+)?(\/[^\s;&|]+)/.exec(command.replace(/'/g, ''))?.[1]
  for (const appDir of appDirs) {
    if (!path || !appDir || !path.startsWith(`${appDir}/`)) continue
    const file = joinPath(dir, path.slice(appDir.length + 1))
    const lines = file ? project.cache.get(file) : undefined
    if (!file || !lines || !(/\.(sh|bash)$/.test(file) || /^#!.*\b(ba|da)?sh\b/.test(lines.lineText(1)))) continue
    // run by its path in the image, its `$0` names the repository file beside the others COPY put there
    return { ...step, label: `script ${file} (\`${path}\` in the image)`, span: lines.span(0, lines.lineText(1).length), source: { text: lines.text, offsets: (i) => i, file, shell: 'sh' }, invokedAs: relativePath(step.cwd, file) }
  }
  return undefined
}
