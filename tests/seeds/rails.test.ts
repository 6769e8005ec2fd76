import { describe, expect, it } from 'vitest'
import rails from '../../src/seeds/rails.js'
import { confidenceOf, migratesOf, seedOf, wipeConfidenceOf } from './table.js'
import { projectOf } from '../helpers/project.js'

describe('rails', () => {
  it.each([
    ['rails db:seed', 'high'],
    ['bin/rails db:seed', 'high'],
    ['./bin/rails db:seed:replant', 'high'],
    ['bundle exec rake db:setup', 'high'],
    ['bundle exec rails db:reset', 'high'],
    ['rake db:seed', 'high'],
    ['ruby bin/rails db:seed', 'high'],
    ['rails db:migrate db:seed', 'high'],
    ['RAILS_ENV=production bin/rails db:seed', 'high'],
    ['rails db:seed RAILS_ENV=production', 'high'],
    ['bin/rails --trace db:seed', 'high'],
    ['rails runner db/seeds/admins.rb', 'high'],
    ['rails db:prepare', 'low'],
    ['./bin/rails db:prepare', 'low'],
    ['rails db:migrate', 'none'],
    ['rails db:schema:load', 'none'],
    ['rails db:create', 'none'],
    ['rails server', 'none'],
    ['bundle exec rails assets:precompile', 'none'],
    ['rake test', 'none'],
    // the seed_dump gem's task writes seeds.rb from the database
    ['rake db:seed:dump', 'none'],
    ['rails runner lib/tasks/report.rb', 'none'],
    ['bundle exec rspec', 'none'],
  ])('%s → %s', (line, expected) => {
    expect(confidenceOf(rails, line)).toBe(expected)
  })

  it('explains db:prepare', () => {
    expect(seedOf(rails, 'bin/rails db:prepare')?.note).toMatch(/missing/)
  })

  describe('db:prepare loads db/seeds.rb only where the app has one with code', () => {
    const app = (seeds?: string) => projectOf({ 'web/config/application.rb': 'module Shop; class Application < Rails::Application; end; end\n', ...(seeds !== undefined && { 'web/db/seeds.rb': seeds }) })
    const GENERATED = '# This file should ensure the existence of records required to run the application in every environment.\n#\n# Example:\n#\n#   ["Action", "Comedy"].each do |genre_name|\n#     MovieGenre.find_or_create_by!(name: genre_name)\n#   end\n'
    it.each([
      ['no seeds.rb', app(), 'none'],
      ['the generated, comment-only seeds.rb', app(GENERATED), 'none'],
      ['a block comment only', app('=begin\nUser.create!(email: "a@b.c")\n=end\n'), 'none'],
      ['a seeds.rb with code', app(`${GENERATED}User.create!(email: "admin@example.com")\n`), 'low'],
    ])('%s', (_, project, expected) => {
      expect(confidenceOf(rails, 'bin/rails db:prepare', project, 'web')).toBe(expected)
    })
    it('outside a Rails app the repository holds, nothing is known: still a possible seed', () => {
      expect(confidenceOf(rails, 'bin/rails db:prepare', app(), '.')).toBe('low')
    })
  })

  it.each([
    ['rails db:migrate', true],
    ['bin/rails db:schema:load', true],
    ['bundle exec rails db:prepare', true],
    ['rails db:seed', false],
    ['rails db:create', false],
    ['rails server', false],
  ])('migrates: %s → %s', (line, expected) => {
    expect(migratesOf(rails, line)).toBe(expected)
  })
})

describe('rails wipes', () => {
  it.each([
    // refused on a database recorded as production unless the check is disabled, in the environment or as a task argument
    ['bin/rails db:drop', 'low'],
    ['bundle exec rails db:schema:load', 'low'],
    ['rails db:purge', 'low'],
    ['DISABLE_DATABASE_ENVIRONMENT_CHECK=1 bin/rails db:drop', 'high'],
    ['bundle exec rake db:reset DISABLE_DATABASE_ENVIRONMENT_CHECK=1', 'high'],
    ['DISABLE_DATABASE_ENVIRONMENT_CHECK=1 rails db:setup', 'high'],
    ['DISABLE_DATABASE_ENVIRONMENT_CHECK=1 rails db:seed:replant', 'high'],
    ['DISABLE_DATABASE_ENVIRONMENT_CHECK=1 rails db:migrate', 'none'],
    ['rails db:prepare', 'none'],
    ['rails db:seed', 'none'],
  ])('%s', (line, expected) => {
    expect(wipeConfidenceOf(rails, line)).toBe(expected)
  })
})
