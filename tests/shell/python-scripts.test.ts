import { describe, expect, it } from 'vitest'
import { Walker } from '../../src/analysis/walk.js'
import type { ShellSource } from '../../src/model/context.js'
import { formatSpan } from '../../src/model/span.js'
import { projectOf } from '../helpers/project.js'

// `pdm run x`, `pipenv run x`, `poe x`: the project's named commands, else (pdm, pipenv) the command itself.
const PYPROJECT = [
  '[project]', // 1
  'name = "gym"', // 2
  '', // 3
  '[tool.pdm.scripts]', // 4
  'migrate = "python manage.py migrate --noinput"', // 5
  'exercises = "python manage.py loaddata exercises.json"', // 6
  'serve = { cmd = "gunicorn gym.wsgi" }', // 7
  'start = { composite = ["migrate", "exercises", "serve"] }', // 8
  'boot = { composite = ["migrate", "serve"] }', // 9
  'pre_boot = { shell = "python manage.py flush --noinput && echo wiped" }', // 10
  'fill = { call = "gym.seed:main" }', // 11
  '', // 12
  '[tool.poe.tasks]', // 13
  'fixtures = "python manage.py loaddata demo.json"', // 14
  'release = ["migrate-db", "fixtures"]', // 15
  'migrate-db = { cmd = "python manage.py migrate" }', // 16
  'deploy = { sequence = ["migrate-db", { cmd = "gunicorn gym.wsgi" }] }', // 17
  'everything = { sequence = ["deploy", "fixtures"] }', // 18
  'up = { cmd = "gunicorn gym.wsgi", deps = ["fixtures"] }', // 19
].join('\n')
const PIPFILE = ['[packages]', 'django = "*"', '', '[scripts]', 'seed = "python manage.py loaddata seed.json"', 'serve = "gunicorn gym.wsgi"'].join('\n')

function seedsOf(line: string): string[] {
  const project = projectOf({ 'pyproject.toml': PYPROJECT, 'api/Pipfile': PIPFILE, 'manage.py': '', 'run.sh': line })
  const source: ShellSource = { text: line, offsets: (i) => i, file: 'run.sh', shell: 'bash' }
  return new Walker(project).walkSource(source, line.includes('pipenv') ? 'api' : '.', {}).seeds.map((s) => `${s.command} @ ${formatSpan(s.primary)}`)
}

const t = (line: string, expected: string[]) => it(line, () => expect(seedsOf(line)).toEqual(expected))

describe('pdm run', () => {
  t('pdm run migrate', [])
  t('pdm run exercises', ['python manage.py loaddata exercises.json @ run.sh:1:1'])
  // a composite that migrates, seeds and serves: the seed's own script is the place to fix
  t('pdm run start', ['python manage.py loaddata exercises.json @ pyproject.toml:6:14'])
  // pre_boot runs before boot, and wipes
  t('pdm run boot', ['python manage.py flush --noinput @ pyproject.toml:10:23'])
  t('pdm run -p . exercises', ['python manage.py loaddata exercises.json @ run.sh:1:1'])
  // not a script: the command itself, in the project's environment
  t('pdm run python manage.py loaddata fixtures.json', ['python manage.py loaddata fixtures.json @ run.sh:1:1'])
  t('pdm run --list', [])
  // `pdm <script>`: a script by name where PDM has no command of its own
  t('pdm exercises', ['python manage.py loaddata exercises.json @ run.sh:1:1'])
  t('pdm install --prod', [])
})

describe('pipenv run', () => {
  t('pipenv run seed', ['python manage.py loaddata seed.json @ run.sh:1:1'])
  t('pipenv run serve', [])
  t('pipenv run python manage.py loaddata demo.json', ['python manage.py loaddata demo.json @ run.sh:1:1'])
})

describe('poe', () => {
  t('poe fixtures', ['python manage.py loaddata demo.json @ run.sh:1:1'])
  t('poe deploy', [])
  t('poetry poe everything', ['python manage.py loaddata demo.json @ pyproject.toml:14:13'])
  t('poe up', ['python manage.py loaddata demo.json @ pyproject.toml:14:13'])
  t('poe -C . fixtures', ['python manage.py loaddata demo.json @ run.sh:1:1'])
  t('poetry run python manage.py loaddata x.json', ['python manage.py loaddata x.json @ run.sh:1:1'])
})
