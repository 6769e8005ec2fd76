import { describe, expect, it } from 'vitest'
import { runCheck } from '../../src/analysis/check.js'
import { DEFAULT_CONFIG } from '../../src/config/types.js'
import type { Finding } from '../../src/model/finding.js'
import { MemoryFiles } from '../../src/project/files.js'

const check = (files: Record<string, string>) => runCheck('/repo', MemoryFiles.of(files), DEFAULT_CONFIG).findings
const located = (f: Finding) => `${f.primary.file}:${f.primary.start.line}:${f.primary.start.column} ${f.severity} [${f.rule}]`
const rails = { Gemfile: "gem 'rails'\n", 'db/seeds.rb': 'User.create!(name: "demo")\n', 'config/application.rb': 'module Shop; end\n' }
const play = (hosts: string, tasks: string, extra = '') => `- name: deploy\n  hosts: ${hosts}\n${extra}  tasks:\n${tasks}`

describe('Ansible playbooks', () => {
  it('an argv task on production hosts is a finding, with the play environment', () => {
    const findings = check({ ...rails, 'deploy.yml': play('prod', '    - command:\n        argv: [bundle, exec, rake, db:seed]\n', '  environment:\n    RAILS_ENV: production\n') })
    expect(findings.map(located)).toEqual(['deploy.yml:7:16 error [seed-in-production]'])
  })

  it('follows include_tasks from the playbook directory', () => {
    const findings = check({ ...rails, 'ops/site.yml': play('production', '    - include_tasks: tasks/db.yml\n'), 'ops/tasks/db.yml': '- shell: bin/rails db:seed\n' })
    expect(findings.map(located)).toEqual(['ops/tasks/db.yml:1:10 error [seed-in-production]'])
  })

  it('a `when:` it cannot decide makes a production task a warning', () => {
    const findings = check({ ...rails, 'deploy.yml': play('production', '    - shell: bin/rails db:seed\n      when: seed_enabled | bool\n') })
    expect(findings.map((f) => f.severity)).toEqual(['warning'])
  })

  it('`inventory_hostname in groups[...]` naming staging keeps the task off production', () => {
    const findings = check({ ...rails, 'deploy.yml': play('all', "    - shell: bin/rails db:seed\n      when: inventory_hostname in groups['staging']\n"), 'inventory/production': '[web]\nweb1\n' })
    expect(findings).toEqual([])
  })

  it('a variable no file sets stays unknown in the command', () => {
    const findings = check({ ...rails, 'deploy.yml': play('production', '    - shell: "{{ rake }} db:seed"\n') })
    expect(findings).toEqual([])
  })

  it('takes variables from the group_vars of the production inventory, values naming other variables rendered', () => {
    const findings = check({
      ...rails,
      'deploy.yml': play('all', '    - shell: "{{ rails_bin }} db:seed"\n'),
      'stages/production/hosts': '[web]\nweb1\n',
      'stages/production/group_vars/all': 'rails_bin: "{{ bundler }} exec rake"\nbundler: bundle\n',
    })
    expect(findings.map((f) => f.seed?.command)).toEqual(['bundle exec rake db:seed'])
  })

  it('the free form\'s own chdir= is the module\'s, and an old `include:` beside the plays keeps the file a playbook', () => {
    const findings = check({ ...rails, 'site.yml': `- include: base.yml\n${play('[production]', '    - command: bundle exec rake db:seed chdir={{ app_path }}\n')}` })
    expect(findings.map((f) => f.seed?.command)).toEqual(['bundle exec rake db:seed'])
  })

  it('finds a role on the roles path at the top of the repository', () => {
    const findings = check({ ...rails, 'playbooks/site.yml': '- hosts: production\n  roles:\n    - role: app\n', 'roles/app/tasks/main.yml': '- shell: bin/rails db:seed\n' })
    expect(findings.map((f) => f.primary.file)).toEqual(['roles/app/tasks/main.yml'])
  })

  it('YAML that is no list of plays is not read', () => {
    expect(check({ ...rails, 'config.yml': 'hosts: production\ntasks:\n  - shell: bin/rails db:seed\n' })).toEqual([])
  })
})

describe('the inventory a run of the playbook names', () => {
  const site = { ...rails, 'site.yml': play('all', '    - shell: bin/rails db:seed\n'), 'inventories/production/hosts': '[web]\nweb1\n', 'inventories/staging/hosts': '[web]\nstage1\n' }
  const workflow = (run: string) => `on:\n  push:\n    branches: [main]\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: ${run}\n`
  it.each([
    ['a Makefile target', { Makefile: 'release:\n\tansible-playbook -i inventories/production site.yml\n' }, ['site.yml:4:14 error [seed-in-production]']],
    ['a Makefile target named for staging', { Makefile: 'release-staging:\n\tansible-playbook -i inventories/production site.yml\n' }, []],
    ['a workflow step on the default branch, `--inventory=`', { '.github/workflows/deploy.yml': workflow('ansible-playbook --inventory=inventories/production/hosts site.yml') }, ['site.yml:4:14 error [seed-in-production]']],
    ['a run on the staging inventory only', { '.github/workflows/deploy.yml': workflow('ansible-playbook -i inventories/staging site.yml') }, []],
    ['an inventory kept out of the repository still names production', { 'deploy.sh': 'ansible-playbook -i private/production.ini site.yml\n' }, ['site.yml:4:14 error [seed-in-production]']],
    ['a syntax check runs nothing: the inventories still disagree', { 'ci.sh': 'ansible-playbook -i inventories/production site.yml --syntax-check\n' }, ['site.yml:4:14 warning [seed-possibly-in-production]']],
  ])('%s', (_, files, expected) => {
    expect(check({ ...site, ...files }).map(located)).toEqual(expected)
  })
})

it('reads the playbook and inventory a Makefile names through its variables', () => {
  const files = { ...rails, 'site.yml': play('all', '    - shell: bin/rails db:seed\n'), 'inventories/prod/hosts': '[web]\nweb1\n', 'inventories/local/hosts': '[web]\nlocalhost\n' }
  const makefile = 'ANSIBLE ?= ansible-playbook\nINVENTORY ?= inventories/prod\n\ndeploy:\n\t$(ANSIBLE) -i $(INVENTORY) site.yml\n'
  expect(check({ ...files, Makefile: makefile }).map(located)).toEqual(['site.yml:4:14 error [seed-in-production]'])
})
