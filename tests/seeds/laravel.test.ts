import { describe, expect, it } from 'vitest'
import laravel from '../../src/seeds/laravel.js'
import { projectOf } from '../helpers/project.js'
import { confidenceOf, migratesOf, seedOf, wipeConfidenceOf } from './table.js'

describe('laravel', () => {
  it.each([
    ['php artisan db:seed --force', 'high'],
    ['php artisan db:seed --class=UserSeeder --force', 'high'],
    ['/usr/bin/php8.3 artisan db:seed --force', 'high'],
    ['php artisan migrate --seed --force', 'high'],
    ['php artisan migrate:fresh --seed --force', 'high'],
    ['php artisan migrate:refresh --seed --force', 'high'],
    ['./artisan db:seed --force', 'high'],
    ['APP_ENV=staging php artisan db:seed', 'high'],
    ['APP_ENV=local php artisan migrate --seed', 'high'],
    // APP_ENV may come from .env: a production app cancels the run without --force
    ['php artisan db:seed', 'low'],
    ['php artisan migrate:fresh --seeder=DemoSeeder --force', 'medium'],
    ['php artisan migrate --force', 'none'],
    ['php artisan migrate:fresh --force', 'none'],
    ['php artisan migrate:reset --force', 'none'],
    ['php artisan make:seeder UserSeeder', 'none'],
    ['php artisan serve', 'none'],
    ['php index.php', 'none'],
  ])('%s → %s', (line, expected) => {
    expect(confidenceOf(laravel, line)).toBe(expected)
  })

  describe('APP_ENV=production', () => {
    it.each([
      ['APP_ENV=production php artisan db:seed', 'none'],
      ['APP_ENV=production php artisan migrate:fresh --seed', 'none'],
      ['php artisan db:seed --env=production', 'none'],
      ['APP_ENV=production php artisan db:seed --force', 'high'],
      ['APP_ENV=production php artisan migrate --seed --force', 'high'],
    ])('%s → %s', (line, expected) => {
      expect(confidenceOf(laravel, line)).toBe(expected)
    })
  })

  it('without --force, APP_ENV comes from the process, else from the .env beside artisan', () => {
    const withDotenv = (appEnv: string) => projectOf({ 'api/artisan': '<?php\n', 'api/.env': `APP_NAME=Shop\nAPP_ENV=${appEnv}\n` })
    expect(confidenceOf(laravel, 'php artisan db:seed', withDotenv('local'), 'api')).toBe('high')
    expect(confidenceOf(laravel, 'php artisan db:seed', withDotenv('production'), 'api')).toBe('none')
    // the process's own variable wins over the file, as phpdotenv leaves set variables alone
    expect(confidenceOf(laravel, 'APP_ENV=production php artisan db:seed', withDotenv('local'), 'api')).toBe('none')
    expect(confidenceOf(laravel, 'php artisan db:seed', withDotenv('local'), '.')).toBe('low')
  })

  it('says why a run without --force is uncertain', () => {
    expect(seedOf(laravel, 'php artisan db:seed')?.note).toMatch(/--force/)
  })

  it.each([
    ['php artisan migrate --force', true],
    ['php artisan migrate', true],
    ['php artisan migrate --seed --force', false],
    ['php artisan db:seed --force', false],
    ['php artisan migrate:status', false],
  ])('migrates: %s → %s', (line, expected) => {
    expect(migratesOf(laravel, line)).toBe(expected)
  })
})

describe('laravel wipes', () => {
  it.each([
    ['php artisan migrate:fresh --force', 'high'],
    ['php artisan migrate:fresh --seed --force', 'high'],
    ['php artisan migrate:refresh --force', 'high'],
    ['php artisan migrate:reset --force', 'high'],
    ['php artisan db:wipe --force --drop-views', 'high'],
    ['APP_ENV=staging php artisan db:wipe', 'high'],
    // confirmation: cancelled where APP_ENV is production, unsure where it is unset (its default is production)
    ['APP_ENV=production php artisan migrate:fresh', 'none'],
    ['php artisan db:wipe --env=production', 'none'],
    ['php artisan migrate:fresh', 'low'],
    ['php artisan migrate --force', 'none'],
    ['php artisan db:seed --force', 'none'],
  ])('%s', (line, expected) => {
    expect(wipeConfidenceOf(laravel, line)).toBe(expected)
  })
})

describe('laravel: DB::prohibitDestructiveCommands in a service provider', () => {
  const provider = (call: string) => projectOf({ 'app/Providers/AppServiceProvider.php': `<?php\nclass AppServiceProvider extends ServiceProvider {\n    public function boot(): void {\n        ${call}\n    }\n}\n` })
  it.each([
    // refused everywhere: nothing is wiped, and a fresh --seed stops before it seeds
    ['DB::prohibitDestructiveCommands();', 'php artisan migrate:fresh --seed --force', 'none', 'none'],
    // refused where the app runs as production
    ['DB::prohibitDestructiveCommands($this->app->isProduction());', 'APP_ENV=production php artisan db:wipe --force', 'none', 'none'],
    ['DB::prohibitDestructiveCommands($this->app->isProduction());', 'APP_ENV=staging php artisan migrate:fresh --seed --force', 'high', 'high'],
    ['DB::prohibitDestructiveCommands($this->app->isProduction());', 'php artisan migrate:fresh --seed --force', 'low', 'low'],
    // a condition seedguard cannot judge prohibits nothing it relies on
    ["DB::prohibitDestructiveCommands(config('app.locked'));", 'php artisan migrate:fresh --seed --force', 'high', 'high'],
  ])('%s: %s', (call, line, wipe, seed) => {
    expect(wipeConfidenceOf(laravel, line, provider(call))).toBe(wipe)
    expect(confidenceOf(laravel, line, provider(call))).toBe(seed)
  })
})
