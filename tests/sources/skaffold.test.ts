import { describe, expect, it } from 'vitest'
import { deploymentsOf, projectOf } from '../helpers/project.js'

describe('skaffold.yaml', () => {
  it('builds each artifact from its context, the Dockerfile named relative to it', () => {
    const project = projectOf({
      'ops/skaffold.yaml': [
        'apiVersion: skaffold/v4beta11',
        'kind: Config',
        'build:',
        '  artifacts:',
        '    - image: api',
        '      context: ../services/api',
        '    - image: web',
        '      context: ../web',
        '      docker:',
        '        dockerfile: docker/prod.Dockerfile',
        '        target: runtime',
        'profiles:',
        '  - name: worker',
        '    build:',
        '      artifacts:',
        '        - image: worker',
        '          docker:',
        '            dockerfile: ../worker.Dockerfile',
        '',
      ].join('\n'),
    })
    const images = deploymentsOf(project).artifacts.images.map(({ dockerfile, context, target, production, detail }) => ({ dockerfile, context, target, production, detail }))
    expect(images).toEqual([
      { dockerfile: 'services/api/Dockerfile', context: 'services/api', target: undefined, production: 'unknown', detail: 'built by ops/skaffold.yaml as image `api`' },
      { dockerfile: 'web/docker/prod.Dockerfile', context: 'web', target: 'runtime', production: 'unknown', detail: 'built by ops/skaffold.yaml as image `web`' },
      { dockerfile: 'worker.Dockerfile', context: 'ops', target: undefined, production: 'unknown', detail: 'built by ops/skaffold.yaml as image `worker` (profile `worker`)' },
    ])
  })

  it('a production job that runs `skaffold run -p` ships the build of the profiles it names, in place of the base build', () => {
    const skaffold = ['apiVersion: skaffold/v4beta11', 'kind: Config', 'build:', '  artifacts:', '    - image: api', 'profiles:', '  - name: prod', '    build:', '      artifacts:', '        - image: api', '          docker:', '            dockerfile: prod.Dockerfile', '  - name: debug', '    deploy:', '      kubectl: {}', ''].join('\n')
    const shipped = (run: string) => {
      const workflow = `on:\n  push:\n    branches: [main]\njobs:\n  ship:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ${run}\n`
      const project = projectOf({ 'skaffold.yaml': skaffold, Dockerfile: 'FROM node:20\n', 'prod.Dockerfile': 'FROM node:20\n', '.github/workflows/ship.yml': workflow })
      return deploymentsOf(project).artifacts.images.filter((i) => i.production === 'production').map((i) => `${i.dockerfile} ${i.detail}`)
    }
    expect(shipped('skaffold run -p prod')).toEqual(['prod.Dockerfile deployed with `skaffold run` by job `ship` in .github/workflows/ship.yml (push to `main`)'])
    // a profile without a build section keeps the base one
    expect(shipped('skaffold run --profile=debug')).toEqual(['Dockerfile deployed with `skaffold run` by job `ship` in .github/workflows/ship.yml (push to `main`)'])
    expect(shipped('skaffold build -p prod')).toEqual(['prod.Dockerfile built and pushed by job `ship` in .github/workflows/ship.yml (push to `main`)'])
    expect(shipped('skaffold build --push=false')).toEqual([])
    expect(shipped('skaffold dev')).toEqual([])
  })
})
