import { describe, expect, it } from 'vitest'
import seedFile, { scriptOf } from '../../src/seeds/seed-file.js'
import { confidenceOf, leafOf, seedOf } from './table.js'

describe('seed-file', () => {
  it.each([
    ['node prisma/seed.js', 'high'],
    ['node seed.js', 'high'],
    ['node dist/seeds.js', 'high'],
    ['node -r dotenv/config dist/seed-users.mjs', 'high'],
    ['node --require ts-node/register db/seeds/index.ts', 'high'],
    ['node --loader ts-node/esm src/seed.ts', 'high'],
    ['node --import tsx prisma/seed.ts', 'high'],
    ['node --env-file=.env scripts/seed_2.js', 'high'],
    ['node -- seed.js', 'high'],
    ['tsx prisma/seed.ts', 'high'],
    ['tsx --env-file .env prisma/seed.ts', 'high'],
    ['tsx watch prisma/seed.ts', 'high'],
    ['ts-node src/seeder.ts', 'high'],
    ['ts-node-esm src/seeding.ts', 'high'],
    ['ts-node -P tsconfig.seed.json scripts/seedUsers.ts', 'high'],
    ['ts-node --transpile-only src/database/seeders/run.ts', 'high'],
    ['bun run prisma/seed.ts', 'high'],
    ['bun prisma/seed.ts', 'high'],
    ['bun --env-file .env.production ./seed.ts', 'high'],
    ['deno run -A scripts/seed.ts', 'high'],
    ['deno run --allow-net=db.example.com seed.ts', 'high'],
    ['esno seed.ts', 'high'],
    ['esr src/seed.ts', 'high'],
    ['vite-node --config vite.config.ts src/seed.ts', 'high'],
    ['babel-node seeds/users.js', 'high'],
    ['swc-node seed.ts', 'high'],
    ['python seed.py', 'high'],
    ['python3 scripts/seed_data.py', 'high'],
    ['python3.12 -u db/seeders/main.py', 'high'],
    ['python3 -m app.seed', 'high'],
    ['ruby db/seeds.rb', 'high'],
    ['go run ./cmd/seed', 'high'],
    ['go run cmd/seed/main.go', 'high'],
    ['go run -tags prod ./scripts/seed.go', 'high'],
    ['go run ./cmd/seeder --reset', 'high'],
    ['payload run src/seed.ts', 'high'],
    ['payload run --use-swc src/seed/index.ts', 'high'],
    ['./scripts/seed.ts', 'high'],
    ['bin/seed', 'high'],
    // a later word of the name: likely a seed, less certain than a leading one
    ['node scripts/db-seed.js', 'medium'],
    ['python run_seeds.py', 'medium'],
    ['node server.js', 'none'],
    ['tsx watch src/index.ts', 'none'],
    ['node scripts/seedling-report.js', 'none'],
    ['node seedguard.js', 'none'],
    ['node -e "require(\'./seed\')"', 'none'],
    ['node --test seeds/users.test.js', 'none'],
    ['node dist/main.js seed', 'none'],
    ['node --max-old-space-size=4096 dist/server.js', 'none'],
    ['ts-node -O {"module":"commonjs"} src/server.ts', 'none'],
    ['bun run seed', 'none'],
    ['bun seed', 'none'],
    ['deno task seed', 'none'],
    ['python -c "import seed"', 'none'],
    ['python manage.py loaddata users.json', 'none'],
    ['ruby -e "puts 1"', 'none'],
    ['go run ./cmd/server', 'none'],
    ['go run .', 'none'],
    ['go build ./cmd/seed', 'none'],
    ['go test ./seed/...', 'none'],
    ['payload run src/migrate.ts', 'none'],
    ['payload migrate', 'none'],
    ['payload seed.ts', 'none'],
    ['node', 'none'],
    ['seed', 'none'],
    ['./bin/rails db:seed', 'none'],
  ])('%s → %s', (line, expected) => {
    expect(confidenceOf(seedFile, line)).toBe(expected)
  })

  it('names the script in the note', () => {
    expect(seedOf(seedFile, 'tsx prisma/seed.ts')?.note).toContain('prisma/seed.ts')
  })

  it.each([
    ['node -r dotenv/config dist/seed.js --reset', 'dist/seed.js'],
    ['python3 -m app.seed', 'app/seed.py'],
    ['tsx watch src/index.ts', 'src/index.ts'],
    ['node -p 1', undefined],
    ['npm run seed', undefined],
  ])('scriptOf %s → %s', (line, expected) => {
    expect(scriptOf(leafOf(line).argv)).toBe(expected)
  })
})
