import { describe, expect, it } from 'vitest'
import { FileCache, MemoryFiles } from '../../../src/project/files.js'
import { loadRakeTasks } from '../../../src/seeds/facts/rake-tasks.js'
import rails from '../../../src/seeds/rails.js'
import type { Guard } from '../../../src/model/guard.js'
import { projectWithFacts } from '../../helpers/project.js'

const RAKE = `# encoding: utf-8 — démo
namespace :demo do
  desc "Reset the demo"
  task reset: :environment do
    Rake::Task["db:reset"].invoke if ENV["RESET"]
    Rake::Task['db:seed'].invoke
  end

  task setup: [:environment, "db:setup"]
  task :noop do
    puts "db:seed is not run here"
  end
end
task refresh: "demo:reset"
`

describe('rake tasks read with Prism', () => {
  it('finds invoked and prerequisite database tasks, with exact places', async () => {
    const tasks = await loadRakeTasks(new FileCache(MemoryFiles.of({ 'lib/tasks/demo.rake': RAKE })))
    expect(tasks.get('demo:reset')?.runs.map((r) => [r.task, r.guards.map(shown), r.span.start.line])).toEqual([
      ['environment', [], 4],
      ['db:reset', ['RESET set'], 5],
      ['db:seed', [], 6],
    ])
    expect(tasks.get('demo:setup')?.runs.map((r) => r.task)).toEqual(['environment', 'db:setup'])
    expect(tasks.get('demo:noop')?.runs).toEqual([])
    expect(tasks.get('refresh')?.runs.map((r) => r.task)).toEqual(['demo:reset'])
    // columns count characters, not UTF-8 bytes, past the accented line
    const seed = tasks.get('demo:reset')!.runs[2]!
    expect(RAKE.slice(seed.span.start.offset, seed.span.start.offset + 10)).toBe('Rake::Task')
  })

  it.each<[string, string | undefined]>([
    ['bin/rails demo:reset', 'high'],
    ['bundle exec rake refresh', 'high'],
    ['rails demo:setup', 'high'],
    ['rails demo:noop', undefined],
    ['rails assets:precompile', undefined],
  ])('%s', async (line, confidence) => {
    const project = await projectWithFacts({ 'lib/tasks/demo.rake': RAKE })
    expect(rails.match!({ argv: line.split(' '), env: {}, cwd: '.' }, project)?.confidence).toBe(confidence)
  })

  it('knows where each task is defined and whether its block runs code of its own', async () => {
    const tasks = await loadRakeTasks(new FileCache(MemoryFiles.of({ 'lib/tasks/demo.rake': RAKE })))
    expect(tasks.get('demo:reset')?.span.start).toMatchObject({ line: 4, column: 3 })
    // `… if ENV["RESET"]` is a condition, not a bare invoke
    expect(tasks.get('demo:reset')?.ownCode).toBe(true)
    expect(tasks.get('demo:noop')?.ownCode).toBe(false)
    expect(tasks.get('refresh')?.ownCode).toBe(false)
  })

  it('a task that migrates, then seeds, is followed to its seed line; one that only seeds is not', async () => {
    const project = await projectWithFacts({
      'lib/tasks/deploy.rake': 'namespace :deploy do\n  task release: :environment do\n    Rake::Task["db:migrate"].invoke\n    Rake::Task["db:seed"].invoke\n  end\n  task seed: :environment do\n    puts "seeding"\n    Rake::Task["db:seed"].invoke\n  end\nend\ntask ship: "deploy:seed"\n',
    })
    const within = (line: string) => {
      const hops = rails.match!({ argv: line.split(' '), env: {}, cwd: '.' }, project)?.within
      return hops && { more: hops.more, hops: hops.hops.map((h) => `${h.span.file}:${h.span.start.line}:${h.span.start.column} ${h.label}`) }
    }
    expect(within('rake deploy:release')).toEqual({ more: true, hops: ['lib/tasks/deploy.rake:2:3 lib/tasks/deploy.rake task `deploy:release`', 'lib/tasks/deploy.rake:4:5 `db:seed`'] })
    expect(within('rake ship')).toEqual({
      more: false,
      hops: ['lib/tasks/deploy.rake:11:1 lib/tasks/deploy.rake task `ship`', 'lib/tasks/deploy.rake:6:3 lib/tasks/deploy.rake task `deploy:seed`', 'lib/tasks/deploy.rake:8:5 `db:seed`'],
    })
  })

  it('the conditions a seed runs under are guards: the analysis judges them with the path\'s environment', async () => {
    const guardsOf = async (rake: string) => {
      const project = await projectWithFacts({ 'lib/tasks/release.rake': rake })
      return rails.match!({ argv: ['rails', 'release'], env: {}, cwd: '.' }, project)?.guards?.map(shown)
    }
    const task = (body: string) => `task release: :environment do\n  Rake::Task["db:migrate"].invoke\n${body}\nend\n`
    expect(await guardsOf(task('  Rake::Task["db:seed"].invoke if ENV["APP_ENV"] == "review"'))).toEqual(['APP_ENV eq review'])
    expect(await guardsOf(task('  Rake::Task["db:seed"].invoke unless Rails.env.production?'))).toEqual(['not RAILS_ENV:-development eq production'])
    expect(await guardsOf(task('  if ENV["RAILS_ENV"] != "production" && ENV.fetch("SEED", "1") == "1"\n    Rake::Task["db:seed"].invoke\n  end'))).toEqual(['not RAILS_ENV eq production', 'SEED:-1 eq 1'])
    expect(await guardsOf(task('  if Rails.env.production?\n    puts "no"\n  else\n    Rake::Task["db:seed"].invoke\n  end'))).toEqual(['not RAILS_ENV:-development eq production'])
    // a condition that is not about the environment decides nothing a deploy sets: opaque, so undecided
    expect(await guardsOf(task('  Rake::Task["db:seed"].invoke if User.count.zero?'))).toEqual(['opaque a condition'])
    expect(await guardsOf(task('  Rake::Task["db:seed"].invoke'))).toBeUndefined()
  })
})

function shown(g: Guard): string {
  if (g.op === 'opaque') return `${g.negated ? 'not ' : ''}opaque ${g.text}`
  return `${g.negated ? 'not ' : ''}${g.variable}${g.fallback ? `:-${g.fallback.value}` : ''} ${g.op}${g.values.length ? ` ${g.values.join('|')}` : ''}`
}
