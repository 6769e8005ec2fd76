// https://www.freedesktop.org/software/systemd/man/latest/systemd.service.html
import type { ContextStep, ExecutionContext } from '../../model/context.js'
import type { ProductionReason } from '../../model/production.js'
import { fileStartSpan } from '../../model/span.js'
import type { Deployments } from '../../production/deployments.js'
import { envVarReasons } from '../../production/evidence.js'
import { shellSourceOfArgv } from '../../util/exec-form.js'
import { basenameOf } from '../../util/paths.js'
import type { SourceReader } from '../types.js'
import { readServiceUnit } from './unit-file.js'
import { unitName } from './units.js'

/**
 * A service unit kept in the repository runs its ExecStartPre=, ExecStart= and ExecStartPost=
 * lines on every start and restart of the service. systemd executes each as an argv, not through
 * a shell, unless the program is a shell given `-c`; the walker reads the argv so and follows a
 * shell's `-c` script. Where it runs is what installs or starts it: a production deploy that
 * copies it into /etc/systemd/system or runs `systemctl enable|restart <unit>` makes it production.
 */
const systemd: SourceReader = {
  id: 'systemd',
  title: 'systemd service units',
  docs: 'https://www.freedesktop.org/software/systemd/man/latest/systemd.service.html',
  files: ['**/*.service'],
  read(file, project, config, deployments) {
    const lines = project.cache.get(file)
    if (!lines) return { contexts: [], problems: [] }
    const unit = readServiceUnit(lines)
    if (unit.commands.length === 0) return { contexts: [], problems: [] }
    const span = fileStartSpan(file)
    const name = unitName(file)
    // the repository is deployed as a whole: its root is where a command's relative paths and scripts are
    const steps: ContextStep[] = unit.commands.map((c) => ({ label: `\`${c.key}\``, span: c.span, source: shellSourceOfArgv(c.words, lines), cwd: '.', env: unit.env, reasons: [] }))
    const context: ExecutionContext = {
      id: `${file}#service`,
      label: `systemd unit \`${basenameOf(file)}\``,
      span,
      reasons: [...unitReasons(name, deployments, span), ...envVarReasons(unit.env, config, span).filter((r) => !r.towards)],
      steps,
    }
    return { contexts: [context], problems: [] }
  },
}
export default systemd

function unitReasons(name: string, deployments: Deployments, span: ExecutionContext['span']): ProductionReason[] {
  const runs = deployments.artifacts.unitRuns.filter((r) => r.unit === name)
  const production = runs.find((r) => r.production === 'production')
  if (production) return [{ kind: 'platform-phase', towards: true, detail: `${production.detail} starts the unit: its Exec lines run on every (re)start`, span }]
  if (runs.length > 0 && runs.every((r) => r.production === 'not-production')) return runs.map((r) => ({ kind: 'environment', towards: false, detail: `only ${r.detail} starts it`, span }))
  return [{ kind: 'platform-phase', towards: true, weak: true, detail: 'its Exec lines run on every start of the service, but nothing in the repository installs or starts the unit', span }]
}

