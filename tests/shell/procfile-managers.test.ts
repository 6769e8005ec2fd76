import { describe, expect, it } from 'vitest'
import { Walker } from '../../src/analysis/walk.js'
import type { ShellSource } from '../../src/model/context.js'
import { formatSpan } from '../../src/model/span.js'
import { projectOf } from '../helpers/project.js'

// A process manager started from a script runs the Procfile's processes: all of them, or the ones named.
const PROCFILE = ['web: bin/rails server -b 0.0.0.0', 'worker: bundle exec sidekiq', 'setup: bin/rails db:seed'].join('\n')

function followed(line: string, files: Record<string, string> = {}): { seeds: string[]; unresolved: string[] } {
  const project = projectOf({ 'Procfile.docker': PROCFILE, 'ops/Procfile': 'boot: rake db:seed\n', 'run.sh': line, ...files })
  const source: ShellSource = { text: line, offsets: (i) => i, file: 'run.sh', shell: 'bash' }
  const reach = new Walker(project).walkSource(source, '.', {})
  return { seeds: reach.seeds.map((s) => `${s.command} @ ${formatSpan(s.primary)}`), unresolved: reach.unresolved.map((u) => u.reason) }
}

describe('Procfile process managers', () => {
  it.each([
    ['foreman start -f Procfile.docker', ['bin/rails db:seed @ Procfile.docker:3:8']],
    ['bundle exec foreman start --procfile=Procfile.docker', ['bin/rails db:seed @ Procfile.docker:3:8']],
    // the command starts nothing but the seed: it is the place to fix, as `make seed` is
    ['foreman start setup -f Procfile.docker', ['bin/rails db:seed @ run.sh:1:1']],
    ['honcho start -f Procfile.docker web worker', []],
    ['foreman start -f Procfile.docker -m web=1,worker=2', []],
    ['foreman start -f Procfile.docker --formation=all=1,worker=0', ['bin/rails db:seed @ Procfile.docker:3:8']],
    ['honcho -f Procfile.docker start', []],
    ['overmind start -f Procfile.docker -l web,setup', ['bin/rails db:seed @ Procfile.docker:3:8']],
    ['overmind s -f Procfile.docker -l web', []],
    ['forego start -f ops/Procfile', ['rake db:seed @ run.sh:1:1']],
    ['cd ops && foreman start', ['rake db:seed @ run.sh:1:11']],
    ['foreman run -f Procfile.docker bin/rails server', []],
    ['foreman check -f Procfile.docker', []],
  ])('%s', (line, seeds) => expect(followed(line).seeds).toEqual(seeds))

  it('says what it cannot read: a Procfile outside the repository, a process chosen at run time', () => {
    expect(followed('foreman start -f /etc/app/Procfile').unresolved).toEqual(['`foreman start -f /etc/app/Procfile` runs /etc/app/Procfile that is not in the repository'])
    expect(followed('foreman start "$PROCESS" -f Procfile.docker').unresolved).toEqual(['the process `$PROCESS` foreman starts is only known at run time'])
  })
})
