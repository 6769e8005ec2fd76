import { describe, expect, it } from 'vitest'
import { runCheck } from '../../src/analysis/check.js'
import { DEFAULT_CONFIG } from '../../src/config/types.js'
import type { Finding } from '../../src/model/finding.js'
import { MemoryFiles } from '../../src/project/files.js'

const laravel = { 'composer.json': '{ "require": { "laravel/framework": "^11.0" } }\n', artisan: '<?php\n' }
const check = (php: string) => runCheck('/repo', MemoryFiles.of({ ...laravel, 'deploy.php': `<?php\nnamespace Deployer;\nrequire 'recipe/laravel.php';\n${php}` }), DEFAULT_CONFIG).findings
const at = (f: Finding) => `${f.primary.start.line}:${f.primary.start.column} ${f.rule}`
const seedTask = `task('app:seed', function () {\n    run('cd {{release_path}} && {{bin/php}} artisan db:seed --force');\n});\n`

describe('Deployer deploy.php', () => {
  it.each([
    ['a host named for production', `host('prod.example.com');\n${seedTask}after('deploy:symlink', 'app:seed');\n`, ['6:33 seed-in-production']],
    ['a task listed in an own deploy task', `host('x')->stage('production');\n${seedTask}task('deploy', ['deploy:prepare', 'app:seed', 'deploy:publish']);\n`, ['6:33 seed-in-production']],
    ['a task another hooked task invokes', `host('x')->setLabels(['stage' => 'prod']);\ntask('app:prepare', function () {\n    invoke('app:seed');\n});\n${seedTask}after('deploy:vendors', 'app:prepare');\n`, ['9:33 seed-in-production']],
    ['a task made with the recipe\'s artisan() helper', `host('prod.example.com');\ntask('app:seed', artisan('db:seed --force', ['skipIfNoEnv']));\nafter('artisan:migrate', 'app:seed');\n`, ['5:27 seed-in-production']],
    ['hosts whose names cannot tell', `host('203.0.113.9');\n${seedTask}after('deploy:symlink', 'app:seed');\n`, ['6:33 seed-possibly-in-production']],
    ['a commented-out hook', `host('prod.example.com');\n${seedTask}// after('deploy:symlink', 'app:seed');\n`, []],
    ['a staging host', `host('staging.example.com');\n${seedTask}after('deploy:symlink', 'app:seed');\n`, []],
  ])('%s', (_, php, expected) => {
    expect(check(php).map(at)).toEqual(expected)
  })

  it('warns about a recipe task named for data that the repository does not define', () => {
    expect(check(`host('prod.example.com');\nafter('deploy:symlink', 'database:import');\n`).map(at)).toEqual(['5:26 unresolved-on-production-path'])
  })
})
