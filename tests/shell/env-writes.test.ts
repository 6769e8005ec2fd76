import { describe, expect, it } from 'vitest'
import { envWrittenBy } from '../../src/shell/env-writes.js'
import { parseShell } from '../../src/shell/parse.js'
import { LineIndex } from '../../src/util/line-index.js'
import { projectOf } from '../helpers/project.js'

const project = projectOf({ 'ci/.env.ci': 'DATABASE_URL=postgres://localhost/ci\nexport NODE_ENV=test\n' })

function written(line: string, cwd = '.') {
  const lines = new LineIndex('run.sh', line)
  const { commands } = parseShell({ text: line, offsets: (i) => i, file: 'run.sh', shell: 'bash' }, lines, cwd)
  return commands.reduce<Record<string, string>>((env, c) => ({ ...env, ...envWrittenBy(c, project) }), {})
}

describe('variables a command hands on', () => {
  it.each<[string, Record<string, string>]>([
    ['export DATABASE_URL=postgres://db/x', { DATABASE_URL: 'postgres://db/x' }],
    ['echo "DATABASE_URL=${{ secrets.DB }}" >> $GITHUB_ENV', { DATABASE_URL: '${{ secrets.DB }}' }],
    ["printf 'A=1\\nB=2\\n' >> \"$GITHUB_ENV\"", { A: '1', B: '2' }],
    ['echo "DATABASE_URL=postgres://x" > .env', { DATABASE_URL: 'postgres://x' }],
    ['cp ci/.env.ci .env', { DATABASE_URL: 'postgres://localhost/ci', NODE_ENV: 'test' }],
    ['cd ci && mv .env.ci .env.local', { DATABASE_URL: 'postgres://localhost/ci', NODE_ENV: 'test' }],
    ['echo "DATABASE_URL=postgres://x"', {}],
    ['echo "DATABASE_URL=postgres://x" >> build.log', {}],
    ['cp missing.env .env', {}],
    ['DATABASE_URL=postgres://x npx prisma migrate deploy', {}],
  ])('%s', (line, expected) => {
    expect(written(line)).toEqual(expected)
  })
})
