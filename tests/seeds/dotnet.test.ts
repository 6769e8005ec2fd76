import { describe, expect, it } from 'vitest'
import type { Guard } from '../../src/model/guard.js'
import dotnet from '../../src/seeds/dotnet.js'
import { projectWithFacts } from '../helpers/project.js'
import { confidenceOf, leafOf, migratesOf, seedOf, wipeOf } from './table.js'

describe('dotnet', () => {
  it.each([
    ['dotnet run --project src/Api -- --seed', 'low'],
    ['dotnet run -c Release -- seed', 'low'],
    ['dotnet run -- --seed-data --verbose', 'low'],
    ['dotnet run -- /seed', 'low'],
    ['dotnet out/Api.dll --seed', 'low'],
    ['dotnet run --project src/Api', 'none'],
    ['dotnet run -- --seed=false', 'none'],
    ['dotnet run -- --skip-seed', 'none'],
    ['dotnet run -- --seedling', 'none'],
    ['dotnet out/Api.dll', 'none'],
    ['dotnet test -- --seed 42', 'none'],
    ['dotnet ef database update', 'none'],
    ['go run ./cmd/api -- --seed', 'none'],
  ])('%s → %s', (line, expected) => {
    expect(confidenceOf(dotnet, line)).toBe(expected)
  })

  it.each([
    ['dotnet ef database update --project src/Api', true],
    ['dotnet ef migrations add Init', false],
    ['dotnet run -- --seed', false],
  ])('migrates: %s → %s', (line, expected) => {
    expect(migratesOf(dotnet, line)).toBe(expected)
  })

  describe('a start of an ASP.NET Core app that seeds in its startup code', () => {
    const app = (program: string) =>
      projectWithFacts({
        'src/Shop/Shop.csproj': '<Project Sdk="Microsoft.NET.Sdk.Web"><PropertyGroup><AssemblyName>Contoso.Shop</AssemblyName></PropertyGroup></Project>',
        'src/Shop/Program.cs': `var app = WebApplication.CreateBuilder(args).Build();\n${program}\napp.Run();\n`,
      })

    it.each([
      ['dotnet Contoso.Shop.dll', '.', 'high'],
      ['dotnet /srv/Contoso.Shop.dll --urls http://+:8080', '.', 'high'],
      ['dotnet run --project src/Shop', '.', 'high'],
      ['dotnet run --project Shop.csproj -c Release', 'src/Shop', 'high'],
      ['dotnet run', 'src/Shop', 'high'],
      ['dotnet Shop.dll', '.', 'none'],
      ['dotnet run', '.', 'none'],
      ['dotnet build src/Shop', '.', 'none'],
    ])('%s in %s → %s', async (line, cwd, expected) => {
      expect(confidenceOf(dotnet, line, await app('await ShopSeed.SeedAsync(app);'), cwd)).toBe(expected)
    })

    it('carries the tests around the call, and a wipe under the same tests', async () => {
      const project = await app('if (app.Environment.IsDevelopment()) { await ShopSeed.SeedAsync(app); }\nif (app.Environment.IsDevelopment()) { db.Database.EnsureDeleted(); }')
      const tested = (guards: Guard[] | undefined) => guards?.map((g) => [g.variable, g.values[0], g.fallback?.value])
      const seed = seedOf(dotnet, 'dotnet Contoso.Shop.dll', project)
      expect(tested(seed?.guards)).toEqual([['ASPNETCORE_ENVIRONMENT', 'Development', 'Production']])
      expect(seed?.within?.hops.map((h) => `${h.span.file}:${h.span.start.line}`)).toEqual(['src/Shop/Program.cs:2'])
      expect(tested(wipeOf(dotnet, 'dotnet Contoso.Shop.dll', project)?.guards)).toEqual(tested(seed?.guards))
    })

    it('reports the calls under the fewest tests: an unguarded wipe is not hidden by a guarded seed', async () => {
      const project = await app('if (app.Environment.IsDevelopment()) { await ShopSeed.SeedAsync(app); }\ndb.Database.EnsureDeleted();')
      expect(seedOf(dotnet, 'dotnet Contoso.Shop.dll', project)).toBeUndefined()
      expect(wipeOf(dotnet, 'dotnet Contoso.Shop.dll', project)).toMatchObject({ confidence: 'high' })
    })

    it.each([
      ['dotnet Contoso.Shop.dll --environment Development', 'Development'],
      ['dotnet run -- --environment=Staging', 'Staging'],
      ['DOTNET_ENVIRONMENT=Development dotnet Contoso.Shop.dll', 'Development'],
      ['ASPNETCORE_ENVIRONMENT=Production DOTNET_ENVIRONMENT=Development dotnet Contoso.Shop.dll', undefined],
    ])('the environment %s names → %s', (line, expected) => {
      expect(dotnet.namedEnvironment!(leafOf(line))).toBe(expected)
    })
  })
})
