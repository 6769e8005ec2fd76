import { FileCache, MemoryFiles } from '../../src/project/files.js'
import { Project } from '../../src/project/project.js'

/** A Project over an in-memory tree, for table tests of recognisers and runners. */
export function projectOf(files: Record<string, string> = {}): Project {
  return new Project(new FileCache(MemoryFiles.of(files)))
}

export function packageJson(content: object): string {
  return JSON.stringify(content, null, 2) + '\n'
}
