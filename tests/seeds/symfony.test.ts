import { describe, expect, it } from 'vitest'
import symfony from '../../src/seeds/symfony.js'
import { confidenceOf, migratesOf, seedOf } from './table.js'

describe('symfony', () => {
  it.each([
    ['php bin/console doctrine:fixtures:load -n', 'high'],
    ['php bin/console doctrine:fixtures:load -n --append --env=prod', 'high'],
    ['php bin/console --env prod doctrine:fixtures:load --no-interaction', 'high'],
    ['php bin/console doctrine:fixtures:load --group=demo --append', 'high'],
    ['php bin/console doctrine:fixtures:load --group demo', 'high'],
    ['bin/console doctrine:fixtures:load -n', 'high'],
    ['./bin/console doctrine:fixtures:load -n', 'high'],
    ['php app/console doctrine:fixtures:load', 'high'],
    ['symfony console doctrine:fixtures:load -n', 'high'],
    ['symfony php bin/console doctrine:fixtures:load -n', 'high'],
    ['php bin/console d:f:l -n', 'high'],
    ['php bin/console doctrine:migrations:migrate -n', 'none'],
    ['symfony console doctrine:migrations:migrate', 'none'],
    ['php bin/console cache:clear --env=prod', 'none'],
    ['php bin/console doctrine:fixtures', 'none'],
    ['php bin/console d:m:m', 'none'],
    ['php artisan db:seed', 'none'],
    ['node console doctrine:fixtures:load', 'none'],
  ])('%s → %s', (line, expected) => {
    expect(confidenceOf(symfony, line)).toBe(expected)
  })

  it('says whether the load purges first', () => {
    expect(seedOf(symfony, 'php bin/console doctrine:fixtures:load -n')?.note).toMatch(/purges/)
    expect(seedOf(symfony, 'php bin/console doctrine:fixtures:load -n --append')?.note).toMatch(/appended/)
  })

  it.each([
    ['php bin/console doctrine:migrations:migrate -n', true],
    ['symfony console doctrine:migrations:migrate --no-interaction', true],
    ['php bin/console d:m:m', true],
    ['php bin/console doctrine:migrations:diff', false],
    ['php bin/console doctrine:fixtures:load', false],
  ])('migrates: %s → %s', (line, expected) => {
    expect(migratesOf(symfony, line)).toBe(expected)
  })
})
