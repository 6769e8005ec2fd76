import type { RepoFiles } from './files.js'
import type { PackageJson } from './packages.js'

// https://docs.npmjs.com/cli/v11/using-npm/scripts ; https://yarnpkg.com/advanced/lifecycle-scripts ;
// pnpm 9.0.0 release notes (enable-pre-post-scripts default true); oven-sh/bun docs/cli/run.md
export type PackageManagerId = 'npm' | 'yarn-classic' | 'yarn-berry' | 'pnpm' | 'bun'

export interface PackageManager {
  id: PackageManagerId
  major: number | undefined
  /** does `run X` also run `preX`/`postX`? */
  runsPrePost: boolean
  why: string
}

/**
 * Which package manager (and which version) runs this repository's scripts, from `packageManager`,
 * lockfiles and `.npmrc`. The answer decides whether `preX`/`postX` hooks run at all.
 */
export function detectPackageManager(root: PackageJson | undefined, files: RepoFiles, dir = '.'): PackageManager {
  const at = (name: string) => (dir === '.' ? name : `${dir}/${name}`)
  const has = (name: string) => files.read(at(name)) !== undefined
  const declared = root?.packageManager ? /^(npm|yarn|pnpm|bun)@(\d+)/.exec(root.packageManager) : null
  const npmrc = files.read(at('.npmrc')) ?? ''
  const prePostSetting = /^\s*enable-pre-post-scripts\s*=\s*(true|false)\s*$/m.exec(npmrc)?.[1]
  const tool = declared?.[1] ?? (has('pnpm-lock.yaml') ? 'pnpm' : has('yarn.lock') ? 'yarn' : has('bun.lockb') || has('bun.lock') ? 'bun' : 'npm')
  const major = declared ? Number(declared[2]) : lockfileMajor(tool, files, at)
  const why = declared ? `packageManager: ${root?.packageManager}` : tool === 'npm' ? 'no other lockfile' : `lockfile of ${tool}`
  switch (tool) {
    case 'yarn': {
      const berry = major !== undefined ? major >= 2 : has('.yarnrc.yml')
      return { id: berry ? 'yarn-berry' : 'yarn-classic', major, runsPrePost: !berry, why }
    }
    case 'pnpm': {
      const byDefault = major === undefined || major >= 9
      const runsPrePost = prePostSetting ? prePostSetting === 'true' : byDefault
      return { id: 'pnpm', major, runsPrePost, why: prePostSetting ? `${why}; .npmrc enable-pre-post-scripts=${prePostSetting}` : why }
    }
    case 'bun':
      return { id: 'bun', major, runsPrePost: true, why }
    default:
      return { id: 'npm', major, runsPrePost: true, why }
  }
}

function lockfileMajor(tool: string, files: RepoFiles, at: (name: string) => string): number | undefined {
  if (tool === 'pnpm') {
    const version = /^lockfileVersion:\s*'?(\d+)/m.exec(files.read(at('pnpm-lock.yaml')) ?? '')?.[1]
    // lockfile v9 is written by pnpm 9 and later; v6 by pnpm 8
    if (version) return Number(version) >= 9 ? 9 : 8
  }
  if (tool === 'yarn') {
    const lock = files.read(at('yarn.lock')) ?? ''
    if (lock.includes('__metadata:')) return 2
    if (lock.includes('# yarn lockfile v1')) return 1
  }
  return undefined
}
