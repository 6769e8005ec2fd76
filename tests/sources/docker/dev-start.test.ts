import { describe, expect, it } from 'vitest'
import { DEFAULT_CONFIG } from '../../../src/config/types.js'
import type { ContextStep } from '../../../src/model/context.js'
import { LineIndex } from '../../../src/util/line-index.js'
import compose from '../../../src/sources/compose.js'
import { devStartOf } from '../../../src/sources/docker/dev-start.js'
import { deploymentsOf, packageJson, projectOf } from '../../helpers/project.js'

/** one container start: `Dockerfile` holds the command as its whole text */
function startOf(command: string, files: Record<string, string> = {}, env: Record<string, string> = {}) {
  const project = projectOf({ Dockerfile: command, ...files })
  const lines = new LineIndex('Dockerfile', command)
  const step: ContextStep = { label: 'CMD', span: lines.span(0, command.length), source: { text: command, offsets: (i) => i, file: 'Dockerfile', shell: 'sh' }, cwd: '.', env, reasons: [] }
  return devStartOf(project, DEFAULT_CONFIG, [step], env)
}

describe('devStartOf', () => {
  it('follows the package runner to the dev server a script runs', () => {
    const files = { 'package.json': packageJson({ scripts: { dev: 'next dev -p 3000', start: 'node server.js' } }) }
    expect(startOf('npm run seed; npm run dev', files)).toEqual({ server: true, detail: '`npm run dev` → package.json `dev` runs `next dev -p 3000`' })
    // `start` that serves the built app is no dev server
    expect(startOf('npm start', files)).toBeUndefined()
  })
  it('knows the frameworks by their development modes', () => {
    for (const command of ['nodemon app.js', 'npx vite --host', 'python manage.py runserver 0.0.0.0:8000', 'flask run --debug', 'uvicorn app:api --reload', 'php artisan serve', 'bundle exec rails s -b 0.0.0.0', 'sh -c "exec ts-node-dev src/main.ts"']) {
      expect(startOf(command)?.server, command).toBe(true)
    }
    for (const command of ['vite build', 'next start', 'gunicorn app.wsgi', 'flask run', 'uvicorn app:api', 'rails s -e production']) expect(startOf(command), command).toBeUndefined()
    expect(startOf('rails server', {}, { RAILS_ENV: 'production' })).toBeUndefined()
  })
  it('takes no command a condition guards: it may be the development branch of a production start', () => {
    expect(startOf('if [ "$NODE_ENV" = development ]; then nodemon app.js; else node app.js; fi')).toBeUndefined()
  })
  it('counts an install at start and development settings as a dev workflow, not a server', () => {
    expect(startOf('npm install && node server.js', { 'package.json': packageJson({ name: 'x' }) })).toMatchObject({ server: false })
    expect(startOf('gunicorn shop.wsgi', {}, { DJANGO_SETTINGS_MODULE: 'shop.settings.local' })).toEqual({ server: false, detail: 'DJANGO_SETTINGS_MODULE=shop.settings.local' })
    expect(startOf('gunicorn shop.wsgi', {}, { DJANGO_SETTINGS_MODULE: 'shop.settings.production' })).toBeUndefined()
  })
})

describe('compose development services', () => {
  const read = (files: Record<string, string>) => {
    const project = projectOf(files)
    return compose.read('docker-compose.yml', project, DEFAULT_CONFIG, deploymentsOf(project)).contexts[0]!.reasons
  }
  const stack = (volumes: string, command: string) => ['services:', '  web:', '    image: node:20', '    working_dir: /app', ...(volumes ? ['    volumes:', `      - ${volumes}`] : []), `    command: ${command}`].join('\n')
  const pkg = packageJson({ scripts: { dev: 'nodemon index.js' } })

  it('names both signals when a service bind-mounts its source and starts a dev server', () => {
    expect(read({ 'docker-compose.yml': stack('./:/app', 'npm run dev'), 'package.json': pkg })).toEqual([
      expect.objectContaining({ towards: false, detail: 'the service bind-mounts the source (. on /app) and starts a development server: `npm run dev` → package.json `dev` runs `nodemon index.js`' }),
    ])
  })
  it('keeps one signal alone uncertain', () => {
    expect(read({ 'docker-compose.yml': stack('./:/app', 'node index.js'), 'package.json': pkg })).toEqual([expect.objectContaining({ towards: true, weak: true })])
    expect(read({ 'docker-compose.yml': stack('', 'npm run dev'), 'package.json': pkg })).toEqual([expect.objectContaining({ towards: true, weak: true })])
  })
  it('lets a production signal of the service win over the development one', () => {
    const routed = stack('./:/app', 'npm run dev').replace('    image: node:20', '    image: node:20\n    environment:\n      NODE_ENV: production')
    expect(read({ 'docker-compose.yml': routed, 'package.json': pkg })).toEqual([expect.objectContaining({ towards: true, detail: expect.stringContaining('NODE_ENV=production') })])
  })
})
