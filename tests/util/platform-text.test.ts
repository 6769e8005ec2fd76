import { describe, expect, it } from 'vitest'
import { Walker } from '../../src/analysis/walk.js'
import { shellSourceOfArgv } from '../../src/util/exec-form.js'
import { LineIndex } from '../../src/util/line-index.js'
import { TomlView } from '../../src/util/toml.js'
import { projectOf } from '../helpers/project.js'

describe('TomlView', () => {
  const text = `app = "shop"\n\n[deploy]\n  release_command = "npx prisma migrate deploy && npx prisma db seed"\n\n[processes]\n  web = 'node server.js'\n  worker = """\nnpm run jobs"""\n\n[[services]]\n  internal_port = 8080\n[[services]]\n  internal_port = 9090\n`
  const parsed = TomlView.parse(new LineIndex('fly.toml', text))
  if (!('view' in parsed)) throw new Error('parse failed')
  const { view } = parsed

  it('flattens tables and arrays of tables to dotted keys', () => {
    expect(view.string('deploy.release_command')?.value).toBe('npx prisma migrate deploy && npx prisma db seed')
    expect(view.childrenOf('processes')).toEqual(['web', 'worker'])
    expect(view.entries.has('services.1.internal_port')).toBe(true)
  })

  it('maps command offsets into basic, literal and multi-line strings', () => {
    for (const [key, word] of [['deploy.release_command', 'prisma db seed'], ['processes.web', 'server.js'], ['processes.worker', 'jobs']] as const) {
      const source = view.shellSource(view.string(key)!.node)!
      const at = source.text.indexOf(word)
      expect(text.slice(source.offsets(at), source.offsets(at) + word.length)).toBe(word)
    }
  })

  it('reports a located parse error', () => {
    const bad = TomlView.parse(new LineIndex('fly.toml', 'app = "x"\n[deploy\nx = 1\n'))
    // the parser notices the unclosed header when the next line starts
    expect('error' in bad && bad.error.span.start.line).toBe(3)
  })
})

describe('shellSourceOfArgv', () => {
  it('keeps exec-form elements as single words at their places', () => {
    const text = `CMD ["sh", "-c", "npx prisma migrate deploy && npx prisma db seed && node it's.js"]\n`
    const lines = new LineIndex('Dockerfile', text)
    const elements = [...text.matchAll(/"([^"]*)"/g)].map((m) => ({ value: m[1]!, start: m.index + 1, end: m.index + 1 + m[1]!.length }))
    const source = shellSourceOfArgv(elements, lines)
    const project = projectOf({ Dockerfile: text })
    const [seed] = new Walker(project).walkSource(source, '.', {}).seeds
    expect(seed?.command).toBe('prisma db seed')
    expect(text.slice(seed!.primary.start.offset, seed!.primary.end.offset)).toBe('npx prisma db seed')
  })
})
