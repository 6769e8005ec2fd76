import { describe, expect, it } from 'vitest'
import { imageName, sameImage } from '../../../src/model/image-name.js'

const same = (a: string, b: string, env: Record<string, string> = {}) => sameImage(imageName(a, env)!, imageName(b)!)

describe('image names', () => {
  it('puts a name without a registry on Docker Hub', () => {
    expect(imageName('acme/shop:web')).toMatchObject({ repository: 'docker.io/acme/shop', tag: 'web' })
    expect(imageName('postgres')).toMatchObject({ repository: 'docker.io/library/postgres' })
    expect(imageName('localhost:5000/shop')).toMatchObject({ repository: 'localhost:5000/shop' })
    expect(same('docker.io/acme/shop', 'acme/shop:latest')).toBe(true)
  })

  it('matches tags loosely, and tells apart two images named by their tags', () => {
    expect(same('gcr.io/acme/app-seed:latest', 'gcr.io/acme/app-seed:3f2a1c')).toBe(true)
    expect(same('gcr.io/acme/app-seed:${{ github.sha }}', 'gcr.io/acme/app-seed:v1.2')).toBe(true)
    expect(same('acme/shop:web', 'acme/shop:worker')).toBe(false)
    expect(same('gcr.io/acme/app', 'gcr.io/acme/app-seed')).toBe(false)
    expect(same('gcr.io/acme/app:   ', 'gcr.io/acme/app:v3')).toBe(true)
  })

  it('reads variables nobody sets as any text, and those the job sets as their value', () => {
    expect(same('${REGISTRY}/acme/app-seed', 'gcr.io/acme/app-seed')).toBe(true)
    expect(same('$REGISTRY/acme/app', 'gcr.io/acme/app-seed')).toBe(false)
    expect(same('$REGISTRY/acme/app', 'gcr.io/acme/app', { REGISTRY: 'ghcr.io' })).toBe(false)
    expect(sameImage(imageName('${{ env.REGISTRY }}/acme/app')!, imageName('${HOST}/acme/app:1.0')!)).toBe(true)
  })

  it('has no name where the image itself is a variable', () => {
    expect(imageName('$IMAGE:latest')).toBeUndefined()
    expect(imageName('ghcr.io/acme/${{ matrix.app }}')).toBeUndefined()
  })
})
