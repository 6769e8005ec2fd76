import { describe, expect, it } from 'vitest'
import { runCheck } from '../../src/analysis/check.js'
import { DEFAULT_CONFIG } from '../../src/config/types.js'
import type { Finding } from '../../src/model/finding.js'
import { FileCache, MemoryFiles } from '../../src/project/files.js'
import { readFacts } from '../../src/seeds/facts/index.js'

const base = {
  Capfile: 'require "capistrano/setup"\nrequire "capistrano/deploy"\n',
  Gemfile: 'gem "rails"\n',
  'db/seeds.rb': 'User.create!(name: "admin")\n',
}
const production = { 'config/deploy/production.rb': 'server "app.example.com", roles: %w[app db]\n' }
async function check(files: Record<string, string>, stages: Record<string, string> = production): Promise<Finding[]> {
  const all = MemoryFiles.of({ ...base, ...stages, ...files })
  return runCheck('/repo', all, DEFAULT_CONFIG, await readFacts(new FileCache(all))).findings
}
const at = (f: Finding) => `${f.primary.file}:${f.primary.start.line}:${f.primary.start.column} ${f.rule} ${f.seed?.command ?? ''}`.trim()

describe('Capistrano', () => {
  it('follows a hook into a task in deploy.rb and locates the command at its words', async () => {
    const deploy = `namespace :deploy do\n  task :seed do\n    on roles(:db) do\n      within release_path do\n        with rails_env: fetch(:rails_env) do\n          execute :rake, 'db:seed'\n        end\n      end\n    end\n  end\n  after :migrating, :seed\nend\n`
    const [finding, ...rest] = await check({ 'config/deploy.rb': deploy })
    expect(rest).toEqual([])
    expect(at(finding!)).toBe('config/deploy.rb:6:20 seed-in-production rake db:seed')
    expect(finding!.chain.map((h) => h.label)[1]).toBe('hooked after `deploy:migrating`, task `deploy:seed` runs it on the servers')
  })

  it('follows `invoke` from a hooked task and runs with the stage rails_env', async () => {
    const deploy = `task :prepare do\n  invoke "data:seed"\nend\nnamespace :data do\n  task :seed do\n    on roles(:db) { execute "cd #{release_path} && bundle exec rails db:seed RAILS_ENV=#{fetch(:rails_env)}" }\n  end\nend\nafter "deploy:updated", "prepare"\n`
    const findings = await check({ 'config/deploy.rb': deploy })
    expect(findings.map(at)).toEqual(['config/deploy.rb:6:52 seed-in-production bundle exec rails db:seed RAILS_ENV=production'])
  })

  it.each([
    ['a known plugin task is hooked', `after "deploy:updated", "deploy:migrate"\n`],
    ['a gem task whose name says nothing of data is hooked', `after "deploy:published", "sidekiq:restart"\n`],
    ['the seed task is hooked on a task no deploy runs', `task :seed do\n  on roles(:db) { execute :rake, "db:seed" }\nend\nafter "ops:rebuild", "seed"\n`],
  ])('is silent when %s', async (_, deploy) => {
    expect((await check({ 'config/deploy.rb': deploy })).map(at)).toEqual([])
  })

  it.each([
    ['staging', 'set :rails_env, "staging"\n', []],
    ['production', 'set :rails_env, "production"\n', ['config/deploy.rb:2:28 seed-in-production rake db:seed']],
  ])('takes the stage from `set :rails_env, "%s"` when the stage name cannot tell', async (_, stage, expected) => {
    const deploy = `task :seed do\n  on roles(:db) { execute :rake, "db:seed" }\nend\nafter "deploy:migrating", "seed"\n`
    expect((await check({ 'config/deploy.rb': deploy }, { 'config/deploy/eu.rb': stage })).map(at)).toEqual(expected)
  })

  it('does not read config/deploy.rb without a Capfile (Mina uses the same path)', async () => {
    const files = MemoryFiles.of({ Gemfile: 'gem "rails"\n', 'config/deploy.rb': 'task :seed do\n  execute :rake, "db:seed"\nend\nafter "deploy:migrating", "seed"\n' })
    expect((await readFacts(new FileCache(files))).capistranoFiles?.size ?? 0).toBe(0)
  })
})
