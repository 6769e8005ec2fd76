import { describe, expect, it } from 'vitest'
import type { Guard } from '../../../src/model/guard.js'
import { FileCache, MemoryFiles } from '../../../src/project/files.js'
import { loadGoPrograms } from '../../../src/seeds/facts/go-main.js'

const GO_MOD = 'module example.com/shop\n\ngo 1.22\n\nrequire gorm.io/gorm v1.25.12\n'
const programsOf = (files: Record<string, string>) => loadGoPrograms(new FileCache(MemoryFiles.of({ 'go.mod': GO_MOD, ...files })))
const shown = (g: Guard): string => {
  if (g.op === 'any') return `any(${g.alternatives!.map(shown).join(', ')})`
  if (g.op === 'opaque') return `${g.negated ? 'not ' : ''}opaque ${g.text}`
  return `${g.negated ? 'not ' : ''}${g.variable} ${g.op}${g.values.length ? ` ${g.values[0]}` : ''}`
}
/** what main does, as `effect text [guards] {flags}` */
const mainOf = async (body: string, imports = '"os"; "flag"; "example.com/shop/internal/seeds"; "math/rand"') =>
  (await programsOf({ 'cmd/api/main.go': `package main\n\nimport (${imports})\n\nfunc main() {\n${body}\n}\n` }))[0]?.effects.map(
    (e) => `${e.effect} ${e.text}${e.guards.length ? ` [${e.guards.map(shown).join('; ')}]` : ''}${e.flags.length ? ` {${e.flags.map((f) => `${f.negated ? '!' : ''}${'flag' in f ? `-${f.flag}` : `arg${f.argument}${f.afterFlags ? '+' : ''}=${f.values.join('|')}`}`).join(' ')}}` : ''}`,
  )

describe('Go programs that seed or wipe at start', () => {
  it.each([
    ['seeds.All(db)', ['seed seeds.All(db)']],
    ['database.Seed(db)', ['seed database.Seed(db)']],
    ['app.SeedDemoData()', ['seed app.SeedDemoData()']],
    ['db.Migrator().DropTable(&User{}, &Order{})', ['wipe db.Migrator().DropTable(&User{}, &Order{})']],
    ['db.Exec("DROP TABLE IF EXISTS users")', ['wipe db.Exec("DROP TABLE IF EXISTS users")']],
    ['db.Exec(`TRUNCATE orders`)', ['wipe db.Exec(`TRUNCATE orders`)']],
    // a random seed, a migration, a handler, a deferred call: nothing at start
    ['rand.Seed(42)', undefined],
    ['db.AutoMigrate(&User{})', undefined],
    ['http.HandleFunc("/seed", func(w http.ResponseWriter, r *http.Request) { seeds.All(db) })', undefined],
    ['defer db.Exec("DROP TABLE scratch")', undefined],
    ['func() { seeds.All(db) }()', ['seed seeds.All(db)']],
  ])('%s', async (body, expected) => {
    expect(await mainOf(body)).toEqual(expected)
  })

  it.each([
    ['if os.Getenv("APP_ENV") == "development" { seeds.All(db) }', ['seed seeds.All(db) [APP_ENV eq development]']],
    ['if os.Getenv("APP_ENV") != "production" { seeds.All(db) } ', ['seed seeds.All(db) [not APP_ENV eq production]']],
    ['if os.Getenv("SEED") != "" { seeds.All(db) }', ['seed seeds.All(db) [SEED set]']],
    ['env := os.Getenv("GO_ENV")\nif env == "dev" || env == "test" { seeds.All(db) }', ['seed seeds.All(db) [any(GO_ENV eq dev, GO_ENV eq test)]']],
    ['if os.Getenv("APP_ENV") == "production" { serve() } else { seeds.All(db) }', ['seed seeds.All(db) [not APP_ENV eq production]']],
    ['seed := flag.Bool("seed", false, "demo rows")\nflag.Parse()\nif *seed { seeds.All(db) }', ['seed seeds.All(db) {-seed}']],
    ['var fresh bool\nflag.BoolVar(&fresh, "fresh", false, "")\nif fresh { db.Migrator().DropTable(&User{}) }', ['wipe db.Migrator().DropTable(&User{}) {-fresh}']],
    ['if count == 0 { seeds.All(db) }', ['seed seeds.All(db) [opaque count == 0]']],
    ['if os.Getenv("APP_ENV") == "production" {\n\treturn\n}\nseeds.All(db)', ['seed seeds.All(db) [not APP_ENV eq production]']],
    ['seed := flag.Bool("seed", false, "")\nif !*seed { os.Exit(0) }\nseeds.All(db)', ['seed seeds.All(db) {-seed}']],
    ['if len(os.Args) > 1 && os.Args[1] == "seed" { seeds.All(db) }', ['seed seeds.All(db) {arg0= arg0=seed}']],
    ['switch flag.Arg(0) {\ncase "seed", "demo":\n\tseeds.All(db)\ndefault:\n\tdb.Exec("DROP TABLE jobs")\n}', ['seed seeds.All(db) {arg0+=seed|demo}', 'wipe db.Exec("DROP TABLE jobs") {!arg0+=seed|demo}']],
    ['switch os.Getenv("MODE") {\ncase "demo":\n\tseeds.All(db)\n}', ['seed seeds.All(db) [MODE eq demo]']],
    ['switch mode() {\ncase "demo":\n\tseeds.All(db)\n}', ['seed seeds.All(db) [opaque mode()]']],
    // an error check is no guard
    ['db, err := open()\nif err != nil { log.Fatal(err) }\nseeds.All(db)', ['seed seeds.All(db)']],
  ])('the `if` around it: %s', async (body, expected) => {
    expect(await mainOf(body)).toEqual(expected)
  })

  it("follows the module's own functions from main and init, and names the binary", async () => {
    const programs = await programsOf({
      'main.go': 'package main\n\nimport "example.com/shop/internal/store"\n\nfunc init() { setup() }\n\nfunc main() { db := store.Open(); serve(db) }\n\nfunc setup() {}\nfunc serve(db any) {}\n',
      'internal/store/store.go': 'package store\n\nimport "example.com/shop/internal/demo"\n\nfunc Open() *DB {\n\tif os.Getenv("DEMO") == "1" { demo.Load() }\n\treturn nil\n}\n',
      'internal/demo/demo.go': 'package demo\n\nfunc Load() { SeedProducts() }\n',
      'tools/gen/main.go': 'package main\n\nfunc main() { generate() }\n',
    })
    expect(programs.map((p) => [p.dir, p.name, p.effects.map((e) => [e.text, e.via.map((h) => h.label), e.guards.map(shown)])])).toEqual([
      ['.', 'shop', [['SeedProducts()', ['`store.Open(…)`', '`demo.Load(…)`'], ['DEMO eq 1']]]],
    ])
  })

  it('a seed function of the module that returns first outside development seeds only there', async () => {
    const programs = await programsOf({
      'main.go': 'package main\n\nimport "example.com/shop/db/seeders"\n\nfunc main() { seeders.Run(db) }\n',
      'db/seeders/run.go': 'package seeders\n\nimport "os"\n\nfunc Run(db any) {\n\tif os.Getenv("APP_ENV") != "development" {\n\t\treturn\n\t}\n\tSeedCities(db)\n}\n',
    })
    expect(programs[0]?.effects.map((e) => [e.text, e.guards.map(shown)])).toEqual([['seeders.Run(db)', ['APP_ENV eq development']]])
  })

  it("follows a method of the main package by its name, where the package declares one by that name", async () => {
    const programs = await programsOf({
      'main.go': 'package main\n\nfunc main() {\n\ta := App{}\n\ta.Initialize()\n\ta.Run(":8080")\n}\n',
      'app.go': 'package main\n\ntype App struct{}\n\nfunc (a *App) Initialize() { a.db.Migrator().DropTable(&Todo{}) }\n\nfunc (a *App) Run(addr string) {}\n',
      'worker.go': 'package main\n\ntype Worker struct{}\n\nfunc (w *Worker) Run(addr string) { seedJobs() }\n',
    })
    expect(programs[0]?.effects.map((e) => [e.text, e.via.map((h) => h.label)])).toEqual([['a.db.Migrator().DropTable(&Todo{})', ['`a.Initialize(…)`']]])
  })

  it('runs the init of the packages of the module main imports, directly or through another, before main', async () => {
    const programs = await programsOf({
      'cmd/api/main.go': 'package main\n\nimport "example.com/shop/internal/server"\n\nfunc main() { server.Start() }\n',
      'internal/server/server.go': 'package server\n\nimport _ "example.com/shop/internal/demo"\n\nfunc Start() {}\n',
      'internal/demo/demo.go': 'package demo\n\nfunc init() { SeedCatalog() }\n',
      'internal/unused/unused.go': 'package unused\n\nfunc init() { SeedOther() }\n',
    })
    expect(programs[0]?.effects.map((e) => [e.text, e.via.map((h) => h.label)])).toEqual([['SeedCatalog()', ['import "example.com/shop/internal/server"', 'import "example.com/shop/internal/demo"']]])
  })

  it('reads no module without a database library', async () => {
    const files = { 'go.mod': 'module example.com/cli\n\ngo 1.22\n', 'main.go': 'package main\n\nfunc main() { SeedAll() }\n' }
    expect(await loadGoPrograms(new FileCache(MemoryFiles.of(files)))).toEqual([])
  })
})
