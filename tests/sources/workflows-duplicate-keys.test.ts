import { describe, expect, it } from 'vitest'
import { runCheck } from '../../src/analysis/check.js'
import { DEFAULT_CONFIG } from '../../src/config/types.js'
import { MemoryFiles } from '../../src/project/files.js'
import { renderMessage } from '../../src/report/message.js'

const check = (workflow: string) => runCheck('/repo', MemoryFiles.of({ '.github/workflows/deploy.yml': workflow }), DEFAULT_CONFIG).findings
const job = (id: string, run: string) => `  ${id}:\n    runs-on: ubuntu-latest\n    environment: production\n    steps:\n      - run: ${run}\n`

describe('a key GitHub sees twice in one mapping', () => {
  it('is a warning at the second key that names the first: the file never runs', () => {
    const findings = check(`on: push\njobs:\n${job('deploy', 'npx prisma db seed')}${job('deploy', 'npx prisma migrate deploy')}`)
    expect(findings.map((f) => `${f.primary.start.line}:${f.primary.start.column}-${f.primary.end.column} ${f.severity} ${f.rule}`)).toEqual(['8:3-9 warning parse-error'])
    expect(renderMessage(findings[0]!)).toBe('could not parse this file: GitHub rejects this workflow: `deploy` is already defined at line 3, column 3, so nothing in the file runs; its commands were not checked')
  })

  it('is found below the jobs too, in a step', () => {
    const findings = check(`on: push\njobs:\n${job('deploy', 'npx prisma migrate deploy')}        run: npx prisma db seed\n`)
    expect(findings.map((f) => `${f.primary.start.line}:${f.primary.start.column} ${f.rule}`)).toEqual(['8:9 parse-error'])
  })
})
