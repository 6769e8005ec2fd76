import { describe, expect, it } from 'vitest'
import ecto from '../../src/seeds/ecto.js'
import { projectOf } from '../helpers/project.js'
import { confidenceOf, migratesOf, seedOf, wipeConfidenceOf } from './table.js'

// what `mix phx.new` generates
const PHOENIX_MIX = `defmodule MyApp.MixProject do
  use Mix.Project

  def project do
    [app: :my_app, version: "0.1.0", elixir: "~> 1.14", aliases: aliases(), deps: deps()]
  end

  defp aliases do
    [
      setup: ["deps.get", "ecto.setup", "assets.setup", "assets.build"],
      "ecto.setup": ["ecto.create", "ecto.migrate", "run priv/repo/seeds.exs"],
      "ecto.reset": ["ecto.drop", "ecto.setup"],
      test: ["ecto.create --quiet", "ecto.migrate --quiet", "test"],
      "db.seed": "run priv/repo/seeds.exs"
    ]
  end
end
`
const CUSTOM_MIX = `defmodule Api.MixProject do
  defp aliases do
    [
      setup: ["deps.get", "ecto.setup"],
      "ecto.setup": ["ecto.create", "ecto.migrate"],
      "ecto.reset": ["ecto.drop", "ecto.setup"]
    ]
  end
end
`

describe('ecto without a readable mix.exs', () => {
  it.each([
    ['mix run priv/repo/seeds.exs', 'high'],
    ['mix run apps/core/priv/repo/seeds.exs', 'high'],
    ['mix run --no-halt priv/repo/seeds/users.exs', 'high'],
    ['mix ecto.setup', 'high'],
    ['mix ecto.reset', 'high'],
    ['mix setup', 'medium'],
    ['bin/my_app eval "MyApp.Release.seed()"', 'medium'],
    ['_build/prod/rel/app/bin/app eval MyApp.Release.seeds', 'medium'],
    ['/app/bin/hub eval "Hub.Release.Tasks.migrate_and_seed()"', 'medium'],
    ['bin/shop eval Shop.Seeds.run', 'medium'],
    ['bin/shop eval \'Code.eval_file("priv/repo/seeds.exs")\'', 'medium'],
    ['bin/shop rpc "Shop.Release.seed_demo()"', 'medium'],
    ['./bin/ehealth command Elixir.Core.ReleaseTasks seed', 'medium'],
    ['./bin/api command "api_tasks" seed!', 'medium'],
    ['release_ctl eval --mfa "Api.ReleaseTasks.seed/1" --argv -- prod', 'medium'],
    ['bin/shop eval "Shop.Release.create_seedling_bed()"', 'none'],
    ['bin/shop command Elixir.Shop.ReleaseTasks migrate', 'none'],
    ['gh command seed', 'none'],
    ['release_ctl eval --mfa "Api.ReleaseTasks.migrate/1"', 'none'],
    ['mix ecto.migrate', 'none'],
    ['mix ecto.create', 'none'],
    ['mix run priv/repo/migrate.exs', 'none'],
    ['mix phx.server', 'none'],
    ['mix test', 'none'],
    ['bin/my_app eval "MyApp.Release.migrate()"', 'none'],
    ['bin/my_app start', 'none'],
  ])('%s → %s', (line, expected) => {
    expect(confidenceOf(ecto, line)).toBe(expected)
  })

  it('says the generated alias is assumed', () => {
    expect(seedOf(ecto, 'mix setup')?.note).toMatch(/generated `setup` alias runs ecto.setup/)
  })
})

describe('ecto with mix.exs aliases', () => {
  const phoenix = projectOf({ 'mix.exs': PHOENIX_MIX })
  const custom = projectOf({ 'mix.exs': CUSTOM_MIX })

  it.each([
    ['mix setup', 'high'],
    ['mix ecto.setup', 'high'],
    ['mix ecto.reset', 'high'],
    ['mix db.seed', 'high'],
    ['mix test', 'none'],
  ])('generated aliases: %s → %s', (line, expected) => {
    expect(confidenceOf(ecto, line, phoenix)).toBe(expected)
  })

  it.each([
    ['mix setup', 'none'],
    ['mix ecto.setup', 'none'],
    ['mix ecto.reset', 'none'],
  ])('aliases without seeds: %s → %s', (line, expected) => {
    expect(confidenceOf(ecto, line, custom)).toBe(expected)
  })

  it('follows an alias to its seeds entry, and says whether the alias does more than seed', () => {
    const within = (line: string) => {
      const found = seedOf(ecto, line, phoenix)?.within
      return found && { more: found.more, hops: found.hops.map((h) => `${h.span.file}:${h.span.start.line}:${h.span.start.column} ${h.label}`) }
    }
    expect(within('mix ecto.reset')).toEqual({
      more: true,
      hops: ['mix.exs:12:7 mix.exs alias `ecto.reset`', 'mix.exs:11:7 mix.exs alias `ecto.setup`', 'mix.exs:11:53 `run priv/repo/seeds.exs`'],
    })
    expect(within('mix db.seed')).toEqual({ more: false, hops: ['mix.exs:14:7 mix.exs alias `db.seed`', 'mix.exs:14:18 `run priv/repo/seeds.exs`'] })
  })

  it('reads the mix.exs of the working directory', () => {
    const umbrella = projectOf({ 'apps/api/mix.exs': CUSTOM_MIX })
    expect(confidenceOf(ecto, 'mix ecto.setup', umbrella, 'apps/api')).toBe('none')
  })
})

describe('ecto migrates', () => {
  it.each([
    ['mix ecto.migrate', true],
    ['bin/my_app eval "MyApp.Release.migrate"', true],
    ['./bin/ehealth command Elixir.Core.ReleaseTasks migrate', true],
    ['mix ecto.create', false],
    ['mix run priv/repo/seeds.exs', false],
  ])('%s → %s', (line, expected) => {
    expect(migratesOf(ecto, line)).toBe(expected)
  })
})

describe('ecto wipes', () => {
  const own = projectOf({ 'mix.exs': 'defp aliases do\n    [\n      "ecto.reset": ["ecto.rollback --all", "ecto.migrate"],\n      "db.rebuild": ["ecto.drop", "ecto.create", "ecto.migrate"]\n    ]\n  end\n' })
  it.each([
    ['mix ecto.drop', projectOf(), 'high'],
    // the generated alias is ["ecto.drop", "ecto.setup"]
    ['mix ecto.reset', projectOf(), 'high'],
    ['mix db.rebuild', own, 'high'],
    // the project's own ecto.reset does not drop
    ['mix ecto.reset', own, 'none'],
    ['mix ecto.migrate', projectOf(), 'none'],
  ])('%s', (line, project, expected) => {
    expect(wipeConfidenceOf(ecto, line, project)).toBe(expected)
  })
})
