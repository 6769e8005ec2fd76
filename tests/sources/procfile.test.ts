import { describe, expect, it } from 'vitest'
import { runCheck } from '../../src/analysis/check.js'
import { DEFAULT_CONFIG } from '../../src/config/types.js'
import type { Finding } from '../../src/model/finding.js'
import type { Span } from '../../src/model/span.js'
import { MemoryFiles } from '../../src/project/files.js'
import { parseProcfile } from '../../src/shell/procfile.js'
import { LineIndex } from '../../src/util/line-index.js'

const at = (s: Span) => `${s.start.line}:${s.start.column}-${s.end.line}:${s.end.column}`
const parse = (text: string) => {
  const { entries, problems } = parseProcfile(new LineIndex('Procfile', text))
  return {
    entries: entries.map((e) => ({ type: e.type, command: e.command.text, type_at: at(e.typeSpan), command_at: at(e.commandSpan) })),
    problems: problems.map((p) => `${at(p.span)} ${p.message}`),
  }
}

describe('the Procfile line reader', () => {
  it('reads `type: command` lines with the exact place of each command', () => {
    expect(parse('web: bundle exec puma -C config/puma.rb\nrelease:   bin/rails db:migrate  \n')).toEqual({
      entries: [
        { type: 'web', command: 'bundle exec puma -C config/puma.rb', type_at: '1:1-1:5', command_at: '1:6-1:40' },
        { type: 'release', command: 'bin/rails db:migrate', type_at: '2:1-2:9', command_at: '2:12-2:32' },
      ],
      problems: [],
    })
  })

  it('skips comments and blank lines, and keeps CRLF out of the command', () => {
    const { entries, problems } = parse('# Heroku processes\r\n\r\nweb: node server.js\r\n   # indented comment\r\nworker: node worker.js\r\n')
    expect(problems).toEqual([])
    expect(entries.map((e) => [e.type, e.command, e.command_at])).toEqual([
      ['web', 'node server.js', '3:6-3:20'],
      ['worker', 'node worker.js', '5:9-5:23'],
    ])
  })

  it('ignores a byte-order mark and a last line without a line break', () => {
    expect(parse('\uFEFFrelease: ./release.sh').entries).toEqual([{ type: 'release', command: './release.sh', type_at: '1:2-1:10', command_at: '1:11-1:23' }])
  })

  it('keeps colons inside the command', () => {
    expect(parse('web: node -e "console.log(1)" --port=$PORT:80\n').entries[0]?.command).toBe('node -e "console.log(1)" --port=$PORT:80')
  })

  it('reports a line that is not `type: command`, and a process type without a command, where they are', () => {
    expect(parse('web: npm start\nrelease npm run migrate\nworker:\nweb server: x\n').problems).toEqual([
      '2:1-2:24 Procfile line is not `<process type>: <command>`: release npm run migrate',
      '3:1-3:8 Procfile process type `worker` has no command',
      '4:1-4:14 Procfile line is not `<process type>: <command>`: web server: x',
    ])
  })
})

const check = (files: Record<string, string>) => runCheck('/repo', MemoryFiles.of(files), DEFAULT_CONFIG).findings
const located = (f: Finding) => `${f.primary.file}:${f.primary.start.line}:${f.primary.start.column}-${f.primary.end.line}:${f.primary.end.column} ${f.severity} [${f.rule}]`

describe('Procfile process types on the production path', () => {
  const pkg = JSON.stringify({ scripts: { seed: 'knex seed:run', start: 'node server.js' } }, null, 2)

  it('release: points at the command that only seeds, with the release phase as the first hop', () => {
    const [finding, ...rest] = check({ Procfile: 'web: npm start\nrelease: npm run seed\n', 'package.json': pkg })
    expect(rest).toEqual([])
    expect(located(finding!)).toBe('Procfile:2:10-2:22 error [seed-in-production]')
    expect(finding!.chain.map((h) => h.label)).toEqual(['Heroku release phase (Procfile `release:`) in Procfile', 'the `release` command', '`npm run seed`', 'package.json `seed`', '`knex seed:run`'])
  })

  it('a web dyno that seeds before it starts is production', () => {
    expect(check({ Procfile: 'web: npm run seed && npm start\n', 'package.json': pkg }).map(located)).toEqual(['Procfile:1:6-1:18 error [seed-in-production]'])
  })

  it('a process type named for a one-off task only runs when someone starts it: a warning', () => {
    expect(check({ Procfile: 'web: npm start\nseed: npm run seed\n', 'package.json': pkg }).map(located)).toEqual(['Procfile:2:7-2:19 warning [seed-possibly-in-production]'])
  })

  it('Procfile.dev is a local process list, not read', () => {
    expect(check({ 'Procfile.dev': 'web: npm run seed && npm start\n', 'package.json': pkg })).toEqual([])
  })
})

describe('a line that is not a process', () => {
  const pkg = JSON.stringify({ scripts: { seed: 'knex seed:run', start: 'node server.js' } }, null, 2)

  it('is a located warning that says what the platforms do with it, and the other lines are still checked', () => {
    const findings = check({ Procfile: 'bundle exec puma -C config/puma.rb\nrelease: npm run seed\n', 'package.json': pkg })
    expect(findings.map(located).sort()).toEqual(['Procfile:1:1-1:35 warning [parse-error]', 'Procfile:2:10-2:22 error [seed-in-production]'])
    const parseError = findings.find((f) => f.rule === 'parse-error')!
    expect(parseError.detail).toContain("Dokku refuses such a Procfile and Heroku's Procfile buildpack fails the build on it")
  })
})

describe('what a production Heroku process sees', () => {
  it('HEROKU_PR_NUMBER is empty outside review apps', () => {
    const release = (test: string) => check({ Procfile: 'release: ./release.sh\n', 'release.sh': `#!/bin/sh\nbin/rails db:migrate\n${test} && bin/rails db:seed\n` }).map((f) => f.severity)
    expect(release('[ -n "$HEROKU_PR_NUMBER" ]')).toEqual([])
    expect(release('[ -z "$HEROKU_PR_NUMBER" ]')).toEqual(['error'])
  })
})
