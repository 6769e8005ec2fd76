// https://caprover.com/docs/captain-definition-file.html : `dockerfileLines`, a Dockerfile written as a JSON array of its lines
import type { Project } from '../../project/project.js'
import { jsonAt, parseJsonOf } from '../../util/json.js'
import { LineIndex } from '../../util/line-index.js'
import { basenameOf } from '../../util/paths.js'

/** `captain-definition`, or the per-app name a monorepo sets as the app's Captain Definition Path (`captain-definition-api`) */
export function isCaptainDefinition(file: string): boolean {
  return /^captain-definition(?:-[^/]+)?$/.test(basenameOf(file))
}

export type InlineDockerfile = { lines: LineIndex } | { problem: string } | undefined

const rendered = new WeakMap<Project, Map<string, InlineDockerfile>>()

/**
 * The Dockerfile a captain-definition writes in `dockerfileLines`, laid over the JSON text in place:
 * each element's text where its string stands, everything else blank. Every offset of that
 * Dockerfile is the JSON file's own, so what it runs is located in the captain-definition. Lines
 * written side by side on one line of the file cannot be laid so: that is a problem, not a guess.
 */
export function inlineDockerfileOf(project: Project, file: string): InlineDockerfile {
  if (!isCaptainDefinition(file)) return undefined
  let cache = rendered.get(project)
  if (!cache) rendered.set(project, (cache = new Map()))
  if (!cache.has(file)) cache.set(file, render(project, file))
  return cache.get(file)
}

function render(project: Project, file: string): InlineDockerfile {
  const json = project.cache.get(file)
  const node = json && jsonAt(parseJsonOf(json).root, ['dockerfileLines'])
  if (!json || !node) return undefined
  if (node.type !== 'array') return { problem: '`dockerfileLines` is not an array of lines' }
  const chars = json.text.replace(/[^\n]/g, ' ').split('')
  const used = new Set<number>()
  for (const element of node.children ?? []) {
    if (element.type !== 'string') return { problem: '`dockerfileLines` holds something other than a line of text' }
    const line = json.position(element.offset).line
    if (used.has(line)) return { problem: '`dockerfileLines` writes several lines of the Dockerfile on one line of the file, which cannot be located' }
    used.add(line)
    // decoding only shortens (`\"` is one character): the line starts where its string does
    const value = String(element.value).replace(/\n/g, ' ')
    for (let i = 0; i < value.length; i++) chars[element.offset + 1 + i] = value[i]!
  }
  return { lines: new LineIndex(file, chars.join('')) }
}
