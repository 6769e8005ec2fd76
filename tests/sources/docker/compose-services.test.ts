import { describe, expect, it } from 'vitest'
import { composeServices } from '../../../src/sources/docker/files.js'
import { LineIndex } from '../../../src/util/line-index.js'
import { parseYamlOf, YamlView } from '../../../src/util/yaml.js'

const servicesOf = (text: string) => {
  const lines = new LineIndex('docker-compose.yml', text)
  return composeServices(new YamlView(parseYamlOf(lines).doc, lines)).map((e) => e.key)
}

describe('compose services', () => {
  it.each([
    ['services:\n  web:\n    build: .\n  db:\n    image: postgres\n', ['web', 'db']],
    // version 1: services at the root, each with an image or a build
    ['web:\n  build: .\ndb:\n  image: postgres\n', ['web', 'db']],
    // a later format names its version: nothing at the root is a service
    ["version: '2'\nweb:\n  build: .\n", []],
    // an override with only top-level sections has no service
    ['networks:\n  default:\n    name: shared\n', []],
  ])('%j → %j', (text, expected) => {
    expect(servicesOf(text)).toEqual(expected)
  })
})
