import { describe, expect, it } from 'vitest'
import { runCheck } from '../../src/analysis/check.js'
import { DEFAULT_CONFIG } from '../../src/config/types.js'
import type { Finding } from '../../src/model/finding.js'
import { MemoryFiles } from '../../src/project/files.js'

const laravel = { 'composer.json': '{ "require": { "laravel/framework": "^11.0" } }\n', artisan: '<?php\n' }
const check = (envoy: string) => runCheck('/repo', MemoryFiles.of({ ...laravel, 'Envoy.blade.php': envoy }), DEFAULT_CONFIG).findings
const at = (f: Finding) => `${f.primary.start.line}:${f.primary.start.column} ${f.rule}`
const task = (on: string) => `@task('seed', ['on' => ${on}])\n    cd {{ $path }}/current && php artisan db:seed --force\n@endtask\n`

describe('Laravel Envoy', () => {
  it.each([
    ['a server named production', `@servers(['production' => '203.0.113.7'])\n${task("'production'")}`, ['3:31 seed-in-production']],
    ['a production host among several servers', `@servers(['a' => 'forge@app-prod.example.net', 'b' => 'dev.example.net'])\n${task("['a']")}`, ['3:31 seed-in-production']],
    ['the deploy story on the only server', `@servers(['web' => '203.0.113.7'])\n@story('deploy')\n    seed\n@endstory\n${task("'web'")}`, ['6:31 seed-in-production']],
    ['a server the names cannot place', `@servers(['web' => '203.0.113.7', 'db' => '203.0.113.8'])\n${task("'web'")}`, ['3:31 seed-possibly-in-production']],
    ['a staging host', `@servers(['web' => 'deploy@staging.example.com'])\n${task("'web'")}`, []],
    ['a commented-out production server', `{{-- @servers(['web' => 'deploy@prod.example.com']) --}}\n@servers(['web' => 'deploy@staging.example.com'])\n${task("'web'")}`, []],
    ['a dev server key', `@servers(['dev' => '203.0.113.7'])\n${task("'dev'")}`, []],
  ])('%s', (_, envoy, expected) => {
    expect(check(envoy).map(at)).toEqual(expected)
  })

  it('runs a task without `on` on the first server', () => {
    expect(check(`@servers(['prod' => '203.0.113.7', 'qa' => '203.0.113.9'])\n@task('seed')\n    php artisan db:seed --force\n@endtask\n`).map(at)).toEqual(['3:5 seed-in-production'])
  })
})
