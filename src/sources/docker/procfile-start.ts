// A process manager a container starts (`CMD ["honcho", "start", "-f", "Procfile"]`) reads its
// Procfile from the image's files: where COPY put it (`COPY deploy/Procfile /app/Procfile`), which
// need not be where the working directory's repository directory has one. Each process runs in the
// Procfile's directory unless a root is given (https://honcho.readthedocs.io/en/latest/using_procfiles.html).
import { parseProcfile } from '../../shell/procfile.js'
import { procfileStartOf } from '../../shell/runners/procfile-managers.js'
import type { Project } from '../../project/project.js'
import { plainWords } from './commands.js'
import { containerDirOf, containerPath, repoDirOf, resolveFile } from './container-paths.js'
import type { Runtime } from './runtime.js'
import type { ImageCommand } from './types.js'

/**
 * The processes `command` starts from a Procfile COPY put in the image, each with the runtime it
 * runs in. undefined when the command starts no Procfile, or one no COPY put there: the walk then
 * reads it from the working directory's repository directory, or says it cannot.
 */
export function imageProcfileProcesses(project: Project, rt: Runtime, command: ImageCommand): { command: ImageCommand; rt: Runtime }[] | undefined {
  const start = procfileStartOf(command.words.map((value) => ({ value, dynamic: value.includes('$') })))
  if (!start || 'unresolved' in start) return undefined
  const at = containerPath(rt.workdir, start.procfile)
  const file = resolveFile(project, rt.mounts, at)
  const lines = file === undefined ? undefined : project.cache.get(file)
  if (!lines) return undefined
  const workdir = start.root === undefined ? containerDirOf(at) : containerPath(rt.workdir, start.root)
  const processRt: Runtime = { ...rt, workdir, cwd: repoDirOf(project, rt.mounts, workdir, rt.cwd) }
  return parseProcfile(lines)
    .entries.filter((entry) => start.runs(entry.type))
    .map((entry) => ({
      rt: processRt,
      command: { label: `${command.label} → ${command.words[0]} starts \`${entry.type}\` of ${at} (${file})`, exec: false, words: plainWords(entry.command.text), source: entry.command, span: entry.commandSpan, at: entry.commandSpan.start.offset },
    }))
}
