import { describe, expect, it } from 'vitest'
import { composeUpsOfText } from '../../../src/sources/docker/compose-command.js'
import { projectOf } from '../../helpers/project.js'

// which compose runs a piece of shell text holds: `file command profiles… / services…`, remote ones marked `@`
const project = projectOf({ 'docker-compose.yml': 'services: {}\n', 'docker-compose.prod.yml': 'services: {}\n', 'deploy/compose.yaml': 'services: {}\n', 'deploy/docker-stack.yml': 'services: {}\n' })
const t = (text: string, expected: string[]) =>
  it(text, () => {
    const { here, remote } = composeUpsOfText(project, text, '.')
    const show = (at: string) => (u: (typeof here)[number]) => `${at}${u.file} ${u.subcommand} ${u.profiles.join(',')}/${u.services.join(',')}${u.stack ? ` stack ${u.stack}` : ''}`
    expect([...here.map(show('')), ...remote.map(show('@'))]).toEqual(expected)
  })

describe('compose runs in shell text', () => {
  t('docker compose up -d', ['docker-compose.yml up /'])
  t('docker compose -f docker-compose.prod.yml --profile seed up -d', ['docker-compose.prod.yml up seed/'])
  t('docker compose --profile a --profile=b -f docker-compose.prod.yml up', ['docker-compose.prod.yml up a,b/'])
  t("docker compose --profile '*' up -d", ['docker-compose.yml up */'])
  t('COMPOSE_PROFILES=seed,jobs docker compose up -d', ['docker-compose.yml up seed,jobs/'])
  t('export COMPOSE_PROFILES=seed\ndocker compose up -d', ['docker-compose.yml up seed/'])
  t('COMPOSE_FILE=docker-compose.prod.yml docker compose up', ['docker-compose.prod.yml up /'])
  t('docker-compose -p shop up -d --scale web=2 web worker', ['docker-compose.yml up /web,worker'])
  t('sudo docker compose up --wait-timeout 60 seed', ['docker-compose.yml up /seed'])
  t('docker compose run --rm seed', ['docker-compose.yml run /seed'])
  t('cd deploy && docker compose up -d', ['deploy/compose.yaml up /'])
  // the command after the service replaces the service's own: the walker follows that command itself
  t('docker compose run --rm api npx knex migrate:latest', [])
  t('docker compose --profile seed pull', [])
  t('docker compose logs --profile seed', [])
  t('echo "docker compose --profile seed up"', [])
  t('ssh deploy@prod "cd app && docker compose --profile seed up -d"', ['@docker-compose.yml up seed/'])
  t('sshpass -p x ssh -i key prod docker compose up -d', ['@docker-compose.yml up /'])
  t('ssh prod <<EOF\ncd app\ndocker compose -f docker-compose.prod.yml up -d\nEOF\n', ['@docker-compose.prod.yml up /'])
  t('expect <<EOF\nspawn ssh prod\nsend "docker-compose --profile seed up -d\\r"\nEOF\n', ['@docker-compose.yml up seed/'])
  t('expect <<EOF\nspawn sftp prod\nsend "docker-compose up -d"\nEOF\n', [])
  // a stack deploy runs on the swarm the CLI talks to: remote wherever it is typed
  t('docker stack deploy -c docker-compose.yml -c docker-compose.prod.yml --prune shop', ['@docker-compose.yml up / stack shop', '@docker-compose.prod.yml up / stack shop'])
  t('cd deploy && docker stack up --compose-file=docker-stack.yml --resolve-image never shop_staging', ['@deploy/docker-stack.yml up / stack shop_staging'])
  t('docker stack deploy -c - shop < rendered.yml', [])
  t('docker stack rm shop', [])
})
