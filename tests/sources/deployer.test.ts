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

const checkYaml = (yaml: string) => runCheck('/repo', MemoryFiles.of({ ...laravel, 'deploy.yaml': `import:\n  - recipe/laravel.php\n\n${yaml}` }), DEFAULT_CONFIG).findings
const seedYaml = `tasks:\n  app:seed:\n    - cd: '{{release_path}}'\n    - run: '{{bin/php}} artisan db:seed --force'\n`

describe('Deployer deploy.yaml', () => {
  it.each([
    ['a host labelled for production, a task hooked after the recipe', `hosts:\n  shop.example.com:\n    labels:\n      stage: production\n${seedYaml}after:\n  deploy:symlink: app:seed\n`, ['11:13 seed-in-production']],
    ['a task listed in an own deploy task', `hosts:\n  prod:\n    hostname: 203.0.113.9\n${seedYaml}  deploy:\n    - deploy:prepare\n    - app:seed\n    - deploy:publish\n`, ['10:13 seed-in-production']],
    ['a hook list, and the recipe\'s artisan:db:seed', `hosts:\n  web-1.example.com:\n    labels: { stage: prod }\nafter:\n  artisan:migrate:\n    - artisan:db:seed\n`, ['9:7 seed-in-production']],
    ['a host whose name cannot tell', `hosts:\n  203.0.113.9: {}\n${seedYaml}after:\n  deploy:symlink: app:seed\n`, ['9:13 seed-possibly-in-production']],
    ['a staging host', `hosts:\n  shop.example.com:\n    labels:\n      stage: staging\n${seedYaml}after:\n  deploy:symlink: app:seed\n`, []],
    ['a task never hooked', `hosts:\n  prod.example.com: {}\n${seedYaml}`, []],
  ])('%s', (_, yaml, expected) => {
    expect(checkYaml(yaml).map(at)).toEqual(expected)
  })

  it('leaves other deploy.yaml files alone', () => {
    expect(runCheck('/repo', MemoryFiles.of({ ...laravel, 'deploy.yaml': 'steps:\n  - run: php artisan db:seed --force\n' }), DEFAULT_CONFIG).findings).toEqual([])
  })
})
