import { describe, expect, it } from 'vitest'
import { splitArgs } from '../../src/deploys/argv.js'
import ssh from '../../src/deploys/ssh.js'

const cmd = (line: string) => ({ argv: splitArgs(line), env: {}, cwd: '.' })

describe('ssh', () => {
  it.each([
    ['ssh deploy@example.com "cd app && git pull && pm2 restart all"', 'unknown'],
    ['ssh -i ~/.ssh/key -o StrictHostKeyChecking=no deploy@1.2.3.4 ./deploy.sh', 'unknown'],
    ['ssh -p2222 -tt host bash -s', 'unknown'],
    ['rsync -avz --delete dist/ deploy@example.com:/var/www/app', 'unknown'],
    ['rsync -e "ssh -p 2222" -a build/ host::www', 'unknown'],
    ['scp -r dist user@example.com:/srv/app', 'unknown'],
    ['scp -P 2222 app.tar.gz scp://example.com/srv', 'unknown'],
    ['ssh deploy@prod.example.com ./deploy.sh', 'production'],
    ['ssh deploy@staging.example.com ./deploy.sh', 'not-production'],
    ['rsync -a dist/ deploy@dev-box:/srv/app', 'not-production'],
    ['ssh -T git@github.com', undefined],
    ['ssh deploy@example.com', undefined],
    ['ssh -i key -o StrictHostKeyChecking=no', undefined],
    ['rsync -a src/ dist/', undefined],
    ['rsync -a deploy@example.com:/var/log/app ./logs', undefined],
    ['scp user@example.com:/backup.sql .', undefined],
    ['ssh-keyscan github.com', undefined],
  ] as const)('%s → %s', (line, target) => {
    expect(ssh.match(cmd(line))?.target).toBe(target)
  })

  it('says what it does', () => {
    expect(ssh.match(cmd('scp -r dist user@example.com:/srv/app'))?.detail).toBe('`scp` to `example.com`: copies to a remote host')
  })

  it.each([
    ['appleboy/ssh-action@v1', { host: '${{ secrets.HOST }}', script: './deploy.sh' }, 'unknown'],
    ['appleboy/ssh-action@v1', { host: '${{ secrets.STAGING_HOST }}' }, 'not-production'],
    ['appleboy/scp-action@v0.1.7', { host: '${{ secrets.PROD_HOST }}' }, 'production'],
    ['appleboy/ssh-action@v1', { host: '<secret STAGING_SSH_HOST>' }, 'not-production'],
    ['easingthemes/ssh-deploy@main', { REMOTE_HOST: '${{ secrets.REMOTE_HOST }}' }, 'unknown'],
    ['webfactory/ssh-agent@v0.9.0', {}, undefined],
  ] as const)('%s %j → %s', (uses, inputs, target) => {
    expect(ssh.matchAction?.(uses, inputs)?.target).toBe(target)
  })
})
