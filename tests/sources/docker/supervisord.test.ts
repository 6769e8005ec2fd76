import { describe, expect, it } from 'vitest'
import type { Runtime } from '../../../src/sources/docker/runtime.js'
import { environmentPairs, expand, parseSupervisorConfig } from '../../../src/sources/docker/supervisor-config.js'
import { supervisordStart, supervisorPrograms } from '../../../src/sources/docker/supervisord.js'
import type { ImageCommand } from '../../../src/sources/docker/types.js'
import { projectOf } from '../../helpers/project.js'

const optionsOf = (text: string, section: string) => parseSupervisorConfig(text).find((s) => s.name === section)!.options

describe('parseSupervisorConfig', () => {
  it('reads comments as supervisord does: whole lines, and inline only after whitespace', () => {
    const text = '; header\n[program:a]\n# note\ncommand=sh -c "migrate;seed" ;why\n[program:b]\ncommand=bash -c \'migrate ; seed\'\n'
    expect(optionsOf(text, 'program:a').get('command')!.text).toBe('sh -c "migrate;seed"')
    // the documented truncation: a ` ;` inside quotes still starts a comment
    expect(optionsOf(text, 'program:b').get('command')!.text).toBe("bash -c 'migrate")
  })
  it('locates every character of a value, across continuation lines, and takes `:` as a delimiter', () => {
    const text = '[program:w]\nCommand : run\n   --seed\nautostart=false\n'
    const command = optionsOf(text, 'program:w').get('command')!
    expect(command.text).toBe('run\n--seed')
    expect(command.offsets.slice(0, -1).map((o) => text[o]).join('')).toBe('run\n--seed')
    expect(optionsOf(text, 'program:w').get('autostart')!.text).toBe('false')
  })
  it('merges a repeated section, the later key winning', () => {
    const options = optionsOf('[program:x]\ncommand=a\n[program:x]\ncommand=b\n', 'program:x')
    expect(options.get('command')!.text).toBe('b')
  })
})

describe('expand', () => {
  it('expands %(ENV_X)s and %%, keeping unknown names and each replacement at its expression', () => {
    const value = { text: 'cd %(ENV_DIR)s && %(ENV_NOPE)s 100%%', offsets: [...Array(37).keys()] }
    const out = expand(value, { ENV_DIR: '/srv' })
    expect(out.text).toBe('cd /srv && %(ENV_NOPE)s 100%')
    expect(out.offsets.slice(3, 7)).toEqual([3, 3, 3, 3])
    expect(out.offsets.length).toBe(out.text.length + 1)
  })
  it('reads environment= pairs, quoted or not', () => {
    expect(environmentPairs('A="x,y",B=2, C=\'z\'')).toEqual({ A: 'x,y', B: '2', C: 'z' })
  })
})

const rt = (mounts: Runtime['mounts']): Runtime => ({ mounts, written: [], workdir: '/app', cwd: '.', env: { APP: '/app' }, evidenceEnv: { APP: '/app' } })
const cmd = (text: string, words: string[] = text.split(' ')): ImageCommand => ({ label: 'CMD', exec: false, words, source: { text, offsets: (i) => i, file: 'Dockerfile', shell: 'sh' }, span: { file: 'Dockerfile', start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 2, offset: 1 } }, at: 0 })

describe('supervisordStart', () => {
  it('finds supervisord in the command, behind an init, or in the script it runs', () => {
    const project = projectOf({ 'start.sh': '#!/bin/sh\nphp artisan config:cache\nexec /usr/bin/supervisord -n -c /etc/sv.conf\n' })
    const r = rt([{ src: 'start.sh', dest: '/start.sh', dir: false }])
    expect(supervisordStart(project, r, [cmd('supervisord -n')])).toEqual({ config: undefined })
    expect(supervisordStart(project, r, [cmd('tini -- /usr/bin/supervisord --configuration=/etc/x.conf')])).toEqual({ config: '/etc/x.conf' })
    expect(supervisordStart(project, r, [cmd('/start.sh')])).toEqual({ config: '/etc/sv.conf' })
    expect(supervisordStart(project, r, [cmd('mkdir -p /var/log/supervisord && nginx', [])])).toBeUndefined()
  })
})

describe('supervisorPrograms', () => {
  it('reads the packaged config\'s conf.d when the image keeps it, and skips autostart=false', () => {
    const project = projectOf({ 'ops/a.conf': '[program:a]\ncommand=php artisan db:seed\ndirectory=%(ENV_APP)s/sub\n', 'ops/b.conf': '[program:b]\ncommand=seed\nautostart=no\n' })
    const found = supervisorPrograms(project, rt([{ src: 'ops', dest: '/etc/supervisor/conf.d', dir: true }]), undefined)
    expect('programs' in found && found.programs.map((p) => [p.section, p.command.text, p.directory])).toEqual([['program:a', 'php artisan db:seed', '/app/sub']])
  })
  it('reports a config no COPY puts in the image', () => {
    expect(supervisorPrograms(projectOf({}), rt([]), '/opt/sv/supervisord.conf')).toEqual({ unreadable: 'supervisord reads /opt/sv/supervisord.conf, which no COPY puts in the image' })
  })
})
