import { describe, expect, it } from 'vitest'
import { FileCache, MemoryFiles } from '../../src/project/files.js'
import { loadRakeTasks } from '../../src/project/rake-tasks.js'
import rails from '../../src/seeds/rails.js'
import { projectWithFacts } from '../helpers/project.js'

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
    expect(tasks.get('demo:reset')?.runs.map((r) => [r.task, r.conditional, r.span.start.line])).toEqual([
      ['environment', false, 4],
      ['db:reset', true, 5],
      ['db:seed', false, 6],
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
    expect(rails.match({ argv: line.split(' '), env: {}, cwd: '.' }, project)?.confidence).toBe(confidence)
  })

  it('a seed behind a condition is only low confidence', async () => {
    const project = await projectWithFacts({ 'lib/tasks/review.rake': 'task :review_seed do\n  Rake::Task["db:seed"].invoke if ENV["APP_ENV"] == "review"\nend\n' })
    expect(rails.match({ argv: ['rails', 'review_seed'], env: {}, cwd: '.' }, project)?.confidence).toBe('low')
  })
})
