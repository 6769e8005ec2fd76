import type { SourceReader } from './types.js'
import workflows from './workflows.js'

/** Every config source; a platform reader is one more line here. */
export const sources: SourceReader[] = [workflows]
