import { renderGithub } from './github.js'
import { renderJson } from './json.js'
import { renderSarif } from './sarif.js'
import { renderText } from './text.js'
import type { Reporter } from './types.js'

export const reporters: Record<'text' | 'json' | 'sarif' | 'github', Reporter> = {
  text: renderText,
  json: renderJson,
  sarif: renderSarif,
  github: renderGithub,
}

export type Format = keyof typeof reporters
