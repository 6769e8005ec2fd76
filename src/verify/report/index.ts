import type { VerifyResult } from '../types.js'
import { renderJson } from './json.js'
import { renderMarkdown } from './markdown.js'
import { renderText } from './text.js'

export type VerifyFormat = 'text' | 'json' | 'markdown'

/** Reporters return strings; only src/cli and src/action write them anywhere. */
export const verifyReporters: Record<VerifyFormat, (result: VerifyResult, options: { color: boolean }) => string> = {
  text: renderText,
  json: renderJson,
  markdown: renderMarkdown,
}
