import { describe, expect, it } from 'vitest'
import { inlineDockerfileOf } from '../../src/sources/docker/inline-dockerfile.js'
import { projectOf } from '../helpers/project.js'

describe('CapRover dockerfileLines as a Dockerfile laid over the JSON', () => {
  it('keeps every line of the Dockerfile at the offsets of its string', () => {
    const text = '{\n  "schemaVersion": 2,\n  "dockerfileLines": [\n    "FROM node:20",\n    "CMD [\\"npm\\", \\"start\\"]"\n  ]\n}\n'
    const inline = inlineDockerfileOf(projectOf({ 'captain-definition': text }), 'captain-definition')
    expect(inline && 'lines' in inline).toBe(true)
    const rendered = (inline as { lines: { text: string } }).lines.text
    expect(rendered.length).toBe(text.length)
    expect(rendered.split('\n').map((l) => l.trim())).toEqual(['', '', '', 'FROM node:20', 'CMD ["npm", "start"]', '', '', ''])
    expect(rendered.indexOf('FROM')).toBe(text.indexOf('FROM'))
  })

  it('refuses lines it cannot place: several on one line, or not text', () => {
    const project = projectOf({ 'captain-definition-api': '{"schemaVersion": 2, "dockerfileLines": ["FROM node:20", "CMD npm start"]}', 'captain-definition-web': '{"schemaVersion": 2, "dockerfileLines": "FROM node:20"}' })
    expect(inlineDockerfileOf(project, 'captain-definition-api')).toEqual({ problem: expect.stringMatching(/one line/) })
    expect(inlineDockerfileOf(project, 'captain-definition-web')).toEqual({ problem: expect.stringMatching(/not an array/) })
    expect(inlineDockerfileOf(project, 'Dockerfile')).toBeUndefined()
  })
})
