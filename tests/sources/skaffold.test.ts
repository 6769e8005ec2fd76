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
})
