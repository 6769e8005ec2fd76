// A shell runs a script in its caller's working directory; it does not change to the script's folder
// (https://www.gnu.org/software/bash/manual/html_node/Command-Execution-Environment.html : a command
// runs in a separate environment whose current directory is inherited from the shell).
import type { ShellSource } from '../model/context.js'
import type { Project } from '../project/project.js'
import { parseShellOnce } from '../shell/parse.js'
import { dirnameOf, joinPath } from '../util/paths.js'

/**
 * Where a script no file of the repository runs is run from. `ci/deploy.sh` run by a pipeline from
 * the checkout's root reads `ci/k8s/app.yml` from the root; a `./deploy.sh` typed in its folder reads
 * its siblings. The relative paths the script names before any `cd` tell which: the repository's
 * root when more of them are there than beside the script, else the script's folder.
 */
export function uncalledScriptCwd(project: Project, source: ShellSource): string {
  const dir = dirnameOf(source.file)
  const lines = project.cache.get(source.file)
  if (dir === '.' || !lines) return dir
  let fromRoot = 0
  let fromDir = 0
  for (const command of parseShellOnce(source, lines, dir).commands) {
    if (command.cwd !== dir) continue
    for (const word of command.words) {
      if (word.dynamic || !word.value.includes('/')) continue
      if (existsAt('.', word.value, project)) fromRoot++
      if (existsAt(dir, word.value, project)) fromDir++
    }
  }
  return fromRoot > fromDir ? '.' : dir
}

function existsAt(dir: string, path: string, project: Project): boolean {
  const file = joinPath(dir, path)
  return file !== undefined && project.cache.exists(file)
}
