// https://www.freedesktop.org/software/systemd/man/latest/systemd.service.html ; https://www.freedesktop.org/software/systemd/man/latest/systemctl.html
import type { Interest, ServerCommand } from '../../shell/server-commands.js'
import { positionals } from '../../deploys/argv.js'
import { basenameOf } from '../../util/paths.js'

/** a command that may install or start a unit: `systemctl`, or a unit file copied or linked into place */
export const UNIT_INTEREST: Interest = { word: /^systemctl$|\.service$/, text: /systemctl|systemd/ }

// the systemctl verbs that (re)start a unit now or at every boot: its Exec lines run
const STARTS = new Set(['start', 'restart', 'reload-or-restart', 'try-restart', 'try-reload-or-restart', 'enable', 'reenable', 'link'])
const SYSTEMCTL_VALUED = ['-H', '--host', '-M', '--machine', '-t', '--type', '-p', '--property', '-s', '--signal', '--kill-whom', '--job-mode', '--root', '-n', '--lines', '-o', '--output', '--what', '--timestamp']

/** the name of a unit as systemctl takes it: `app`, `app.service`, a path to it, an instance `worker@2` of the template `worker@.service` */
export function unitName(written: string): string {
  return basenameOf(written).replace(/\.service$/, '').replace(/@.*$/, '@')
}

/**
 * The units a command line starts or installs: `systemctl [--user] start|restart|enable … <unit>…`,
 * and a `.service` file copied, linked or installed into a systemd unit directory (`cp x.service /etc/systemd/system/`).
 */
export function unitsStarted({ argv }: ServerCommand): string[] {
  const program = basenameOf(argv[0] ?? '')
  if (program === 'systemctl') {
    const [verb, ...units] = positionals(argv.slice(1), SYSTEMCTL_VALUED)
    return verb && STARTS.has(verb) ? units.map(unitName) : []
  }
  if (['cp', 'ln', 'install', 'mv', 'rsync', 'scp'].includes(program) && /\/systemd\/(system|user)\b/.test(argv.at(-1) ?? '')) {
    // the unit is known by the name it is installed under, and its file by its own
    return argv.slice(1).filter((a) => a.endsWith('.service')).map(unitName)
  }
  return []
}

/** a unit a command line starts, and whether it runs on a server the text hands it to */
export interface UnitStart {
  unit: string
  command: string
  remote: boolean
}

export function unitStarts(commands: ServerCommand[]): UnitStart[] {
  return commands.flatMap((c) => unitsStarted(c).map((unit) => ({ unit, command: `\`${c.argv.join(' ')}\``, remote: c.remote })))
}
