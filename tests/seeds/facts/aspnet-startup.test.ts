import { describe, expect, it } from 'vitest'
import type { Guard } from '../../../src/model/guard.js'
import { FileCache, MemoryFiles } from '../../../src/project/files.js'
import { loadAspNetApps } from '../../../src/seeds/facts/aspnet-startup.js'

const WEB = '<Project Sdk="Microsoft.NET.Sdk.Web">\n  <PropertyGroup>\n    <TargetFramework>net8.0</TargetFramework>\n  </PropertyGroup>\n</Project>\n'

const appsOf = (files: Record<string, string>) => loadAspNetApps(new FileCache(MemoryFiles.of(files)))
const shown = (g: Guard): string => {
  if (g.op === 'any') return `any(${g.alternatives!.map(shown).join(', ')})`
  if (g.op === 'opaque') return `${g.negated ? 'not ' : ''}opaque ${g.text}`
  return `${g.negated ? 'not ' : ''}${g.variable}:-${g.fallback?.value} ${g.op} ${g.values[0]}`
}
/** the calls Program.cs runs at startup, as `effect text [guards]` */
const startupOf = async (program: string) =>
  (await appsOf({ 'src/Api/Api.csproj': WEB, 'src/Api/Program.cs': program }))[0]?.calls.map((c) => `${c.effect} ${c.text}${c.guards.length ? ` [${c.guards.map(shown).join('; ')}]` : ''}`)

describe('ASP.NET Core startup code that seeds or wipes', () => {
  it.each([
    ['await CatalogContextSeed.SeedAsync(db, logger);', ['seed CatalogContextSeed.SeedAsync(db, logger)']],
    ['SeedData.Initialize(scope.ServiceProvider);', ['seed SeedData.Initialize(scope.ServiceProvider)']],
    ['DbInitializer.Initialize(db);', ['seed DbInitializer.Initialize(db)']],
    ['await app.Services.GetRequiredService<DemoSeeder>().RunAsync();', ['seed app.Services.GetRequiredService<DemoSeeder>().RunAsync()']],
    ['app.EnsureSeedData();', ['seed app.EnsureSeedData()']],
    ['db.Database.EnsureDeleted();', ['wipe db.Database.EnsureDeleted()']],
    // named otherwise: no seed
    ['db.Database.Migrate();', undefined],
    ['Options.Initialize(db);', undefined],
    ['app.SeedlingFeature();', undefined],
  ])('%s', async (statement, expected) => {
    expect(await startupOf(`var app = WebApplication.CreateBuilder(args).Build();\n${statement}\napp.Run();\n`)).toEqual(expected)
  })

  it.each([
    ['if (app.Environment.IsDevelopment())', ['ASPNETCORE_ENVIRONMENT:-Production eq Development']],
    ['if (!app.Environment.IsProduction())', ['not ASPNETCORE_ENVIRONMENT:-Production eq Production']],
    ['if (env.IsDevelopment() || env.IsEnvironment("Demo"))', ['any(ASPNETCORE_ENVIRONMENT:-Production eq Development, ASPNETCORE_ENVIRONMENT:-Production eq Demo)']],
    ['if (env.IsStaging() && args.Contains("--seed"))', ['ASPNETCORE_ENVIRONMENT:-Production eq Staging', 'opaque args.Contains("--seed")']],
  ])('the `if` around it: %s', async (test, expected) => {
    const calls = await startupOf(`var app = WebApplication.CreateBuilder(args).Build();\n${test}\n{\n    await Seeder.SeedAsync(app);\n}\napp.Run();\n`)
    expect(calls).toEqual([`seed Seeder.SeedAsync(app) [${expected.join('; ')}]`])
  })

  it('the `else` of a test runs where it is false', async () => {
    const calls = await startupOf('var app = WebApplication.CreateBuilder(args).Build();\nif (app.Environment.IsProduction()) app.UseHsts();\nelse Seed.SeedAsync(app);\n')
    expect(calls).toEqual(['seed Seed.SeedAsync(app) [not ASPNETCORE_ENVIRONMENT:-Production eq Production]'])
  })

  it('only what runs at startup: not a request handler, nor a function it does not call', async () => {
    const program = 'var app = WebApplication.CreateBuilder(args).Build();\napp.MapPost("/seed", () => SeedData.Initialize(app.Services));\nstatic void Later() { SeedData.Initialize(null); }\napp.Run();\n'
    expect(await startupOf(program)).toBeUndefined()
  })

  it("reads Main of a Program class and Startup's Configure, and names the assembly", async () => {
    const apps = await appsOf({
      'Shop/Shop.csproj': '<Project Sdk="Microsoft.NET.Sdk.Web"><PropertyGroup><AssemblyName>Shop.Web</AssemblyName></PropertyGroup></Project>',
      'Shop/Program.cs': 'public class Program {\n  public static void Main(string[] args) {\n    var host = CreateHostBuilder(args).Build();\n    SeedData.Initialize(host.Services);\n    host.Run();\n  }\n  static void Helper() { SeedData.Initialize(null); }\n}\n',
      'Shop/Startup.cs': 'public class Startup {\n  public void ConfigureServices(IServiceCollection s) { DbSeeder.Run(s); }\n  public void Configure(IApplicationBuilder app, IWebHostEnvironment env) {\n    if (env.IsDevelopment()) { app.ApplicationServices.GetService<Ctx>().Database.EnsureDeleted(); }\n  }\n}\n',
      // a class library: not an app that starts
      'Lib/Lib.csproj': '<Project Sdk="Microsoft.NET.Sdk"></Project>',
      'Lib/Program.cs': 'SeedData.Initialize(null);\n',
    })
    expect(apps.map((a) => [a.project, a.dir, a.assembly, a.calls.map((c) => `${c.effect} ${c.span.file}:${c.span.start.line}:${c.span.start.column} ${c.guards.length}`)])).toEqual([
      ['Shop/Shop.csproj', 'Shop', 'Shop.Web', ['seed Shop/Program.cs:4:5 0', 'wipe Shop/Startup.cs:4:32 1']],
    ])
  })

  it('does not load the parser where no web project seeds', async () => {
    expect(await appsOf({ 'src/Api/Api.csproj': WEB, 'src/Api/Program.cs': 'var app = WebApplication.CreateBuilder(args).Build();\napp.Run();\n' })).toEqual([])
  })

  it('points at the call by characters, not bytes', async () => {
    const [app] = await appsOf({ 'Api/Api.csproj': WEB, 'Api/Program.cs': 'var greeting = "héllo wörld";\nvar app = WebApplication.CreateBuilder(args).Build(); await Seeder.SeedAsync(app);\n' })
    expect(app?.calls[0]?.span.start).toMatchObject({ line: 2, column: 61 })
  })
})
