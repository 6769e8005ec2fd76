import { describe, expect, it } from 'vitest'
import { readShellDocker } from '../../../src/sources/docker/shell-docker.js'
import { CHECKOUT_ROOT } from '../../../src/util/paths.js'
import { projectOf } from '../../helpers/project.js'

// the images a piece of CI shell text builds (`dockerfile context target`) and whether it pushes them
const tree = { 'Dockerfile': 'FROM scratch\n', 'docker/api/Dockerfile': 'FROM scratch\n', 'docker/Dockerfile.prod': 'FROM scratch\n' }
const t = (text: string, builds: string[], pushes: boolean, env: Record<string, string> = { CI_PROJECT_DIR: CHECKOUT_ROOT }) =>
  it(text, () => {
    const project = projectOf({ ...tree, 'ci.sh': text })
    const found = readShellDocker(project, { text, offsets: (i) => i, file: 'ci.sh', shell: 'bash' }, '.', env)
    expect(found.builds.map((b) => `${b.dockerfile} ${b.context}${b.target ? ` ${b.target}` : ''}`)).toEqual(builds)
    expect(found.pushes).toBe(pushes)
  })

describe('images built and pushed by CI shell text', () => {
  t('docker build -t app . && docker push app', ['Dockerfile .'], true)
  t('docker build -f docker/Dockerfile.prod --target web .', ['docker/Dockerfile.prod . web'], false)
  // kaniko pushes to every --destination unless --no-push: https://github.com/GoogleContainerTools/kaniko#flag---no-push
  t('/kaniko/executor --context "${CI_PROJECT_DIR}" --dockerfile "${CI_PROJECT_DIR}/docker/api/Dockerfile" --destination "$CI_REGISTRY_IMAGE"', ['docker/api/Dockerfile .'], true)
  t('/kaniko/executor --context $CI_PROJECT_DIR --dockerfile docker/api/Dockerfile --no-push', ['docker/api/Dockerfile .'], false)
  t('cd docker && /kaniko/executor --context dir://$CI_PROJECT_DIR/docker/api --destination x', ['docker/api/Dockerfile docker/api'], true)
  // a context in a variable the job does not set is not guessed
  t('/kaniko/executor --context "$BUILD_DIR" --destination x', [], true)
  t('/kaniko/executor --context "${CI_PROJECT_DIR}" --destination x', [], true, {})
  // podman and buildah take docker's arguments
  t('buildah bud -f docker/Dockerfile.prod -t app . && buildah push app', ['docker/Dockerfile.prod .'], true)
  t('podman build -t app docker/api', ['docker/api/Dockerfile docker/api'], false)
})

describe('the names a build tags its image with', () => {
  const names = (text: string, env: Record<string, string> = {}) => {
    const project = projectOf({ ...tree, 'ci.sh': text })
    return readShellDocker(project, { text, offsets: (i) => i, file: 'ci.sh', shell: 'bash' }, '.', env).builds.flatMap((b) => (b.names ?? []).map((n) => `${n.repository}${n.tag ? `:${n.tag}` : ''}`))
  }
  it('reads every -t of a build, with the variables the job sets', () => {
    expect(names('docker build -t acme/api:latest --tag "$REGISTRY/acme/api:$SHA" .', { REGISTRY: 'ghcr.io' })).toEqual(['docker.io/acme/api:latest', 'ghcr.io/acme/api:*'])
    expect(names('docker buildx build --push -t=gcr.io/acme/api docker/api')).toEqual(['gcr.io/acme/api'])
  })
  it("reads kaniko's destinations", () => {
    expect(names('/kaniko/executor --context . --destination registry.example.com/acme/api:1.0 -d registry.example.com/acme/api:latest')).toEqual(['registry.example.com/acme/api:1.0', 'registry.example.com/acme/api:latest'])
  })
  it('has none for a name that is only a variable', () => {
    expect(names('docker build -t "$IMAGE" .')).toEqual([])
  })
})
