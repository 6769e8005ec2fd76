import { describe, expect, it } from 'vitest'
import { runCheck } from '../../src/analysis/check.js'
import { DEFAULT_CONFIG } from '../../src/config/types.js'
import type { Finding } from '../../src/model/finding.js'
import { readFacts } from '../../src/seeds/facts/index.js'
import { FileCache, MemoryFiles } from '../../src/project/files.js'

const check = (files: Record<string, string>) => runCheck('/repo', MemoryFiles.of(files), DEFAULT_CONFIG).findings.filter((f) => !f.suppressed)

/** The guard a finding's fix suggests, put in place of the command exactly as the user would paste it. */
function applyGuard(files: Record<string, string>, finding: Finding): Record<string, string> {
  const guard = /guard it: `(.*?)` \(/.exec(finding.fix ?? '')?.[1]
  expect(guard, finding.fix).toBeDefined()
  const text = files[finding.primary.file]!
  return { ...files, [finding.primary.file]: text.slice(0, finding.primary.start.offset) + guard + text.slice(finding.primary.end.offset) }
}

const workflow = (run: string, more = '') =>
  `on:\n  push:\n    branches: [main]\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    environment: production\n${more}    steps:\n      - uses: actions/checkout@v4\n      - run: ${run}\n      - run: npx vercel deploy --prod\n`

describe('the fix a finding suggests works where the finding is', () => {
  it('on a GitHub-hosted runner it never suggests a NODE_ENV test (the runner sets none): the opt-in it suggests silences the seed', () => {
    const files = { '.github/workflows/deploy.yml': workflow('npx prisma migrate deploy && npx prisma db seed') }
    const [finding] = check(files)
    expect(finding!.rule).toBe('seed-in-production')
    expect(finding!.fix).toContain('`if [ "$SEED_DEMO_DATA" = 1 ]; then npx prisma db seed; fi`')
    expect(finding!.fix).toMatch(/a `\$NODE_ENV` test does not hold here: a GitHub-hosted runner/)
    expect(check(applyGuard(files, finding!))).toEqual([])
  })

  it('a reset is guarded by its own opt-in, set only where the database may be rebuilt: following it silences the reset', () => {
    const files = { '.github/workflows/deploy.yml': workflow('npx prisma db push --force-reset'), 'package.json': '{ "devDependencies": { "prisma": "^6.3.0" } }\n' }
    const [finding] = check(files)
    expect(finding!.rule).toBe('reset-in-production')
    expect(finding!.fix).toContain('`if [ "$RESET_DEMO_DATABASE" = 1 ]; then npx prisma db push --force-reset; fi` (set RESET_DEMO_DATABASE=1 only where the database may be rebuilt')
    expect(check(applyGuard(files, finding!))).toEqual([])
  })

  it('the guard the old fix text recommended does not silence a seed on a runner', () => {
    const files = { '.github/workflows/deploy.yml': workflow(`'[ "$NODE_ENV" != production ] && npx prisma db seed'`) }
    expect(check(files).map((f) => f.severity)).toEqual(['error'])
  })

  it('where the job sets the framework variable, the fix tests it', () => {
    const files = { '.github/workflows/deploy.yml': workflow('bin/rails db:seed', '    env:\n      RAILS_ENV: production\n'), Gemfile: 'gem "rails"\n' }
    const [finding] = check(files)
    expect(finding!.fix).toContain('`if [ "$RAILS_ENV" != production ]; then bin/rails db:seed; fi` (RAILS_ENV is production on this path)')
    expect(check(applyGuard(files, finding!))).toEqual([])
  })

  it('on Heroku the Node.js buildpack sets NODE_ENV=production: the fix tests it, and says who sets it', () => {
    const files = { Procfile: 'release: npx knex migrate:latest && npx knex seed:run\nweb: node server.js\n', 'package.json': '{"name":"a","dependencies":{"knex":"^3.1.0"}}\n' }
    const [finding] = check(files)
    expect(finding!.fix).toContain("(NODE_ENV is production on this path, set by the buildpack's defaults)")
    expect(check(applyGuard(files, finding!))).toEqual([])
  })

  it('in package.json the guard is written with JSON escapes, and the suppression is an allow: entry', () => {
    const files = {
      '.github/workflows/deploy.yml': workflow('npm run build'),
      'package.json': '{\n  "scripts": { "build": "prisma generate && prisma db seed && next build" },\n  "devDependencies": { "prisma": "^6.0.0" },\n  "prisma": { "seed": "node prisma/seed.js" }\n}\n',
    }
    const [finding] = check(files)
    expect(finding!.primary.file).toBe('package.json')
    expect(finding!.fix).toContain('`if [ \\"$SEED_DEMO_DATA\\" = 1 ]; then prisma db seed; fi`')
    expect(finding!.fix).toContain('add an `allow:` entry to .seedguard.yml (`{ file: package.json, rule: seed-in-production, reason: <why> }`)')
    const fixed = applyGuard(files, finding!)
    expect(() => JSON.parse(fixed['package.json']!)).not.toThrow()
    expect(check(fixed)).toEqual([])
  })

  it('where no file shows the environment (a container start), the opt-in is honest: undecided, a warning, not silence', () => {
    const files = { Dockerfile: 'FROM node:22\nCOPY . .\nCMD npx knex seed:run && node server.js\n', 'fly.toml': 'app = "shop"\n', 'package.json': '{"dependencies":{"knex":"^3.1.0"}}\n' }
    const [finding] = check(files)
    expect(finding!.severity).toBe('error')
    expect(finding!.fix).toMatch(/no file sets NODE_ENV, so it comes from settings outside the repository/)
    const after = check(applyGuard(files, finding!))
    expect(after.map((f) => `${f.severity} ${f.production?.reasons.at(-1)?.detail}`)).toEqual([expect.stringMatching(/^warning runs only when \$SEED_DEMO_DATA == 1, and no file of this path sets SEED_DEMO_DATA/)])
  })

  it("inside a Dockerfile's exec form the guard keeps the JSON array valid", () => {
    const files = {
      Dockerfile: 'FROM node:22\nENV NODE_ENV=staging\nCOPY . .\nCMD ["sh", "-c", "npx prisma migrate deploy && npx prisma db seed && node server.js"]\n',
      'fly.toml': 'app = "shop"\n',
      'package.json': '{"devDependencies":{"prisma":"^6.0.0"},"prisma":{"seed":"node prisma/seed.js"}}\n',
    }
    const [finding] = check(files)
    expect(finding!.fix).toContain('`if [ \\"$SEED_DEMO_DATA\\" = 1 ]; then npx prisma db seed; fi`')
    const fixed = applyGuard(files, finding!)
    const cmd = fixed.Dockerfile!.split('\n')[3]!
    expect(JSON.parse(cmd.slice('CMD '.length))).toEqual(['sh', '-c', 'npx prisma migrate deploy && if [ "$SEED_DEMO_DATA" = 1 ]; then npx prisma db seed; fi && node server.js'])
  })

  it('in a rake task the guard is Ruby, and on Heroku (RAILS_ENV=production) it silences the seed', async () => {
    const files = {
      Procfile: 'release: bundle exec rake heroku:release\n',
      Gemfile: 'gem "rails"\n',
      'lib/tasks/heroku.rake': 'namespace :heroku do\n  task release: :environment do\n    Rake::Task["db:migrate"].invoke\n    Rake::Task["db:seed"].invoke\n  end\nend\n',
    }
    const [finding] = await checkWithFacts(files)
    expect(finding!.primary.file).toBe('lib/tasks/heroku.rake')
    expect(finding!.fix).toContain('`Rake::Task["db:seed"].invoke unless Rails.env.production?` (RAILS_ENV is production on this path, set by the buildpack\'s defaults)')
    expect(await checkWithFacts(applyGuard(files, finding!))).toEqual([])
  })
})

describe('a seed already guarded to run in production', () => {
  it('is meant for production: the fix says so and offers an opt-in in place of that test, never another NODE_ENV test', () => {
    const files = {
      Dockerfile: 'FROM node:22\nCOPY . .\nENTRYPOINT ["./entrypoint.sh"]\n',
      'entrypoint.sh': '#!/bin/sh\nif [ "$NODE_ENV" = production ]; then\n  npx knex seed:run\nfi\nexec node server.js\n',
      'package.json': '{"dependencies":{"knex":"^3.1.0"}}\n',
    }
    const [finding] = check(files)
    expect(finding!.fix).toContain('`npx knex seed:run` runs only when $NODE_ENV == production: it is meant for production')
    expect(finding!.fix).toContain('replace that test with an opt-in: `if [ "$SEED_DEMO_DATA" = 1 ]; then npx knex seed:run; fi`')
    expect(finding!.fix).not.toContain('`$NODE_ENV` test')
  })
})

describe('a command that does more than seed', () => {
  it('is taken apart: the migration kept, the seed alone guarded, and following it silences the seed only', () => {
    const files = { '.github/workflows/deploy.yml': workflow('php artisan migrate --force --seed') }
    const [finding] = check(files)
    expect(finding!.fix).toContain('Keep `php artisan migrate --force` and take the seed out of it')
    expect(finding!.fix).toContain('`if [ "$SEED_DEMO_DATA" = 1 ]; then php artisan db:seed --force; fi`')
    const guard = /guarded: `(.*?)` \(/.exec(finding!.fix!)![1]!
    const text = files['.github/workflows/deploy.yml']
    const fixed = text.slice(0, finding!.primary.start.offset) + `php artisan migrate --force && ${guard}` + text.slice(finding!.primary.end.offset)
    expect(check({ '.github/workflows/deploy.yml': fixed })).toEqual([])
  })

  it('rails tasks run one by one: the migration kept, the seed task alone guarded', () => {
    const [finding] = check({ '.github/workflows/deploy.yml': workflow('bundle exec rails db:migrate db:seed RAILS_ENV=production') })
    expect(finding!.fix).toContain('Keep `bundle exec rails db:migrate RAILS_ENV=production` and take the seed out of it')
    expect(finding!.fix).toContain('`if [ "$SEED_DEMO_DATA" = 1 ]; then bundle exec rails db:seed RAILS_ENV=production; fi`')
  })

  it('rails tasks that load the seeds with the schema cannot be split: the command moves or is guarded whole', () => {
    const [finding] = check({ '.github/workflows/deploy.yml': workflow('bin/rails db:create db:setup') })
    expect(finding!.fix).toContain('Move `bin/rails db:create db:setup` out of the deploy path')
  })
})

async function checkWithFacts(files: Record<string, string>): Promise<Finding[]> {
  const memory = MemoryFiles.of(files)
  return runCheck('/repo', memory, DEFAULT_CONFIG, await readFacts(new FileCache(memory))).findings.filter((f) => !f.suppressed)
}

describe("seedguard's runtime check in the fix", () => {
  it('where the check cannot decide a test around the seed, the fix recommends seedguard guard and seedguard protect', () => {
    // no file shows what the container's environment holds: the test may pass or not
    const files = { Dockerfile: 'FROM node:22\nCOPY . .\nCMD [ "$DEMO" = yes ] && npx knex seed:run; node server.js\n', 'fly.toml': 'app = "shop"\n', 'package.json': '{"dependencies":{"knex":"^3.1.0"}}\n' }
    const [finding] = check(files)
    expect(finding!.severity).toBe('warning')
    expect(finding!.fix).toContain('run it as `seedguard guard -- <command>` and mark the production database once with `seedguard protect --db <url> --env production`')
  })

  it('where no test is undecided, the fix does not', () => {
    const [finding] = check({ '.github/workflows/deploy.yml': workflow('npx prisma migrate deploy && npx prisma db seed') })
    expect(finding!.fix).not.toContain('seedguard guard')
  })

  it('a seed behind seedguard guard: a warning whose fix says the step is refused where the database is protected', () => {
    const [finding] = check({ '.github/workflows/deploy.yml': workflow('npx seedguard guard -- npx prisma db seed') })
    expect(finding!.severity).toBe('warning')
    expect(finding!.seed?.guardedBy).toBe('seedguard guard')
    expect(finding!.fix).toMatch(/^`seedguard guard` refuses this step where the database is marked production \(`seedguard protect --db <url> --env production`\), so the deploy fails there instead of seeding/)
  })
})

describe('a finding at a setting of the project', () => {
  const files = (ddlAuto: string) => ({
    Dockerfile: 'FROM eclipse-temurin:21-jre\nENV SPRING_PROFILES_ACTIVE=prod\nCOPY target/app.jar /app.jar\nCMD ["java", "-jar", "/app.jar"]\n',
    'src/main/resources/application-prod.properties': `spring.jpa.hibernate.ddl-auto=${ddlAuto}\n`,
  })

  it('says what to set it to, not a shell guard around it, and following it silences the reset', () => {
    const [finding] = check(files('create'))
    expect(finding!.rule).toBe('reset-in-production')
    expect(finding!.primary.file).toBe('src/main/resources/application-prod.properties')
    expect(finding!.fix).toMatch(/^Set `spring\.jpa\.hibernate\.ddl-auto` to `validate` or `none` for the profiles production runs with/)
    expect(finding!.fix).not.toContain('if [')
    expect(check(files('validate'))).toEqual([])
  })
})

describe('a seed in the startup code of an ASP.NET Core app', () => {
  const app = (program: string) => ({
    'Api/Api.csproj': '<Project Sdk="Microsoft.NET.Sdk.Web"></Project>\n',
    'Api/Program.cs': `var app = WebApplication.CreateBuilder(args).Build();\n${program}\napp.Run();\n`,
    Dockerfile: 'FROM mcr.microsoft.com/dotnet/aspnet:8.0\nCOPY out/ /srv/\nWORKDIR /srv\nENTRYPOINT ["dotnet", "Api.dll"]\n',
  })

  it('says to test the environment in C#, and following it silences the seed', async () => {
    const [finding] = await checkWithFacts(app('await DemoSeed.SeedAsync(app);'))
    expect(finding!.fix).toMatch(/^Run `DemoSeed\.SeedAsync\(app\)` only in development: inside `if \(app\.Environment\.IsDevelopment\(\)\)`/)
    expect(finding!.fix).not.toContain('if [')
    expect(await checkWithFacts(app('if (app.Environment.IsDevelopment())\n    await DemoSeed.SeedAsync(app);'))).toEqual([])
  })

  it('offers a suppression C# can hold, and it suppresses', async () => {
    const [finding] = await checkWithFacts(app('await DemoSeed.SeedAsync(app);'))
    expect(finding!.fix).toContain('add `// seedguard-ignore[seed-in-production]: <reason>` on the line above')
    expect(await checkWithFacts(app('// seedguard-ignore[seed-in-production]: a demo server, reset nightly\nawait DemoSeed.SeedAsync(app);'))).toEqual([])
  })
})
