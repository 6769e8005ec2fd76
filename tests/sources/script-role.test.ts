import { describe, expect, it } from 'vitest'
import { DEFAULT_CONFIG } from '../../src/config/types.js'
import { productionRoleOf } from '../../src/sources/script-role.js'
import { deploymentsOf, projectOf } from '../helpers/project.js'

const FILE = 'ops/run.sh'
const role = (lines: string[], extra: Record<string, string> = {}) => {
  const text = ['#!/bin/sh', 'set -e', ...lines, ''].join('\n')
  const project = projectOf({ [FILE]: text, ...extra })
  return productionRoleOf(project, DEFAULT_CONFIG, deploymentsOf(project), { text, offsets: (i) => i, file: FILE, shell: 'sh' })
}
const stack = { 'docker-compose.yml': 'services:\n  web:\n    image: nginx\n' }

describe('scripts that deploy by what they do', () => {
  it('a pull of the repository, then the compose stack brought up or run where the script runs', () => {
    expect(role(['git pull origin main', 'docker compose up -d --build'], stack)).toBe(
      'ops/run.sh pulls the repository and brings up the compose stack on the host it runs on (`git pull origin main`, then `docker compose up -d --build`)',
    )
    expect(role(['git fetch origin', 'git reset --hard origin/main', 'sudo docker-compose run --rm web ./migrate'], stack)).toContain('(`git reset --hard origin/main`, then `docker-compose run --rm web ./migrate`)')
  })

  it('not without the pull, not before it, not for a stack or profile named for development', () => {
    expect(role(['docker compose up -d --build'], stack)).toBeUndefined()
    expect(role(['docker compose up -d', 'git pull'], stack)).toBeUndefined()
    expect(role(['git fetch', 'docker compose up -d'], stack)).toBeUndefined()
    expect(role(['git pull', 'docker compose -f compose.dev.yml up -d'], { ...stack, 'compose.dev.yml': 'services: {}\n' })).toBeUndefined()
    expect(role(['git pull', 'docker compose --profile dev up -d'], stack)).toBeUndefined()
  })
})

describe('scripts that start the server of production by what they do', () => {
  it('a server started with a production environment the script sets', () => {
    expect(role(['RAILS_ENV=production bundle exec rake db:seed', 'bundle exec rails s -e production'])).toBe('ops/run.sh starts the server with -e production (`bundle exec rails s -e production`)')
    expect(role(['export APP_ENV=production', 'php artisan serve --host=0.0.0.0'])).toBe('ops/run.sh starts the server with APP_ENV=production (`php artisan serve --host=0.0.0.0`)')
    expect(role(['RACK_ENV=production bundle exec puma -C config/puma.rb'])).toContain('starts the server with RACK_ENV=production')
    expect(role(['ENV=prod gunicorn app:app'])).toContain('starts the server with ENV=prod')
  })

  it('a server started after commands the script runs in production', () => {
    expect(role(['php artisan migrate --force --env=production', 'php-fpm8.3 -F'])).toBe('ops/run.sh sets --env=production on its commands and starts the server (`php-fpm8.3 -F`)')
    expect(role(['php bin/console cache:clear --env=prod', 'php-fpm'])).toContain('sets --env=prod on its commands')
  })

  it('not without a server start, nor for a server told to run elsewhere, nor where only NODE_ENV or a test environment is set', () => {
    expect(role(['RAILS_ENV=production SECRET_KEY_BASE_DUMMY=1 bundle exec rails assets:precompile'])).toBeUndefined()
    expect(role(['export RAILS_ENV=production', 'bundle exec rake assets:precompile', 'bundle exec rails s -e development'])).toBeUndefined()
    expect(role(['NODE_ENV=production npm run build', 'NODE_ENV=production npm start'])).toBeUndefined()
    expect(role(['export RAILS_ENV=test', 'bundle exec rails db:seed', 'bundle exec rails server -d'])).toBeUndefined()
    // a development setup: installs, prepares the database and starts the dev processes
    expect(role(['bundle install', 'bin/rails db:prepare', 'bin/rails db:seed', 'exec bin/dev'])).toBeUndefined()
  })

  it("a server bound to the platform's $PORT, or a package script named for starting production", () => {
    expect(role(['php artisan migrate --force', 'exec php artisan serve --host=0.0.0.0 --port=$PORT'])).toBe("ops/run.sh starts the server on $PORT, the port a platform (Heroku, Railway, Render) gives the command it starts (`php artisan serve --host=0.0.0.0 --port=$PORT`)")
    expect(role(['gunicorn app.wsgi --bind 0.0.0.0:${PORT}'])).toContain('starts the server on $PORT')
    expect(role(['npx prisma migrate deploy', 'npm run start:prod'])).toBe('ops/run.sh starts the server with the package script `start:prod`, named for production (`npm run start:prod`)')
    expect(role(['yarn serve:production'])).toContain('`serve:production`')
  })

  it('not a fixed port, a dev server on $PORT, or a production build that starts nothing', () => {
    expect(role(['php artisan serve --port=8000'])).toBeUndefined()
    expect(role(['npx next dev -p $PORT'])).toBeUndefined()
    expect(role(['npm run build:prod'])).toBeUndefined()
    expect(role(['APP_ENV=testing php artisan serve --port=$PORT'])).toBeUndefined()
  })
})
