import { describe, expect, it } from 'vitest'
import { Walker } from '../../src/analysis/walk.js'
import type { ShellSource } from '../../src/model/context.js'
import { formatSpan } from '../../src/model/span.js'
import { projectOf } from '../helpers/project.js'

// composer.json scripts as Composer runs them: by name, and on the events install, update and dump-autoload fire.
const COMPOSER = JSON.stringify({
  require: { 'laravel/framework': '^11.0' },
  scripts: {
    'post-autoload-dump': ['Illuminate\\Foundation\\ComposerScripts::postAutoloadDump', '@php artisan package:discover --ansi'],
    'post-install-cmd': ['@prepare-db'],
    'prepare-db': ['@putenv APP_ENV=production', '@php artisan migrate --force', '@php artisan db:seed --force'],
    demo: '@php artisan db:seed --class=DemoSeeder --force',
    deploy: ['@composer install --no-dev', '@php artisan optimize'],
    ping: 'php artisan about',
  },
}, null, 2)

function followed(line: string, files: Record<string, string> = {}): { seeds: string[]; unresolved: string[] } {
  const project = projectOf({ 'composer.json': COMPOSER, artisan: '<?php\n', 'run.sh': line, ...files })
  const source: ShellSource = { text: line, offsets: (i) => i, file: 'run.sh', shell: 'bash' }
  const reach = new Walker(project).walkSource(source, '.', {})
  return { seeds: reach.seeds.map((s) => `${s.command} @ ${formatSpan(s.primary)}`), unresolved: reach.unresolved.map((u) => u.reason) }
}

const seedAt = (column: number) => `php artisan db:seed --force @ composer.json:${COMPOSER.split('\n').findIndex((l) => l.includes('db:seed --force"')) + 1}:${column}`

describe('composer runner', () => {
  it.each([
    ['composer install --no-dev --optimize-autoloader', [seedAt(9)]],
    ['composer i -n', [seedAt(9)]],
    ['composer install --no-scripts', []],
    ['composer dump-autoload -o', []],
    ['composer run-script prepare-db', [seedAt(9)]],
    ['composer run prepare-db', [seedAt(9)]],
    ['composer prepare-db', [seedAt(9)]],
    ['composer deploy', [seedAt(9)]],
    ['composer ping', []],
    ['composer require laravel/horizon', []],
    ['composer --working-dir=api install', []],
  ])('%s', (line, seeds) => expect(followed(line).seeds).toEqual(seeds))

  it('runs a one-line script: the composer command is all it does, so it is the place to fix', () => {
    expect(followed('composer demo').seeds).toEqual(['php artisan db:seed --class=DemoSeeder --force @ run.sh:1:1'])
  })

  it('says what it cannot read: a missing script, a name known at run time', () => {
    expect(followed('composer run-script nope').unresolved).toEqual(['composer.json has no script `nope`'])
    expect(followed('composer run "$TASK"').unresolved).toEqual(['composer script `$TASK` is only known at run time'])
  })
})
