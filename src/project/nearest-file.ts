import { joinPath, selfAndAncestors } from '../util/paths.js'
import type { Project } from './project.js'

/**
 * The first of `names` in `dir`, else in the nearest directory above it that has one: how task
 * runners find their file (Task, just, as git finds its repository).
 */
export function nearestFile(project: Project, dir: string, names: readonly string[]): string | undefined {
  for (const current of selfAndAncestors(dir)) {
    const found = names.map((n) => joinPath(current, n)).find((p): p is string => p !== undefined && project.cache.exists(p))
    if (found) return found
  }
  return undefined
}
