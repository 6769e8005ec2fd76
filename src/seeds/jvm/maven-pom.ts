// A Maven project's pom.xml as the build reads it (https://maven.apache.org/pom.html): its
// properties, parent, plugins and dependencies, with `${name}` references resolved from the POM's
// own properties (https://maven.apache.org/pom.html#Properties).
import type { Span } from '../../model/span.js'
import type { Project } from '../../project/project.js'
import { elementAt, elementsAt, parseXml, type XmlElement } from '../../util/xml.js'

/** a value of the POM where it is written; `value` is undefined where a `${name}` it uses has no value in this POM */
export interface PomValue {
  raw: string
  value?: string
  span: Span
}

export interface PomProblem {
  file: string
  message: string
  span: Span
}

export type PomRead = { pom: MavenPom } | { problem: PomProblem }

/** the coordinates of a plugin, a dependency or the parent */
export interface PomArtifact {
  element: XmlElement
  groupId?: string
  artifactId: string
  version?: PomValue
}

const MAX_DEPTH = 10

export class MavenPom {
  constructor(
    readonly file: string,
    private readonly root: XmlElement,
  ) {}

  /** `<properties><name>` */
  property(name: string): PomValue | undefined {
    return this.valueOf(elementAt(this.root, 'properties', name))
  }

  get parent(): PomArtifact | undefined {
    return this.artifactOf(elementAt(this.root, 'parent'))
  }

  /** the build's plugins, its pluginManagement's after them */
  get plugins(): PomArtifact[] {
    const build = elementAt(this.root, 'build')
    return [...elementsAt(build, 'plugins', 'plugin'), ...elementsAt(build, 'pluginManagement', 'plugins', 'plugin')].flatMap((e) => this.artifactOf(e) ?? [])
  }

  /** the dependencies, the dependencyManagement's (and the BOMs it imports) after them */
  get dependencies(): PomArtifact[] {
    return [...elementsAt(this.root, 'dependencies', 'dependency'), ...elementsAt(this.root, 'dependencyManagement', 'dependencies', 'dependency')].flatMap((e) => this.artifactOf(e) ?? [])
  }

  /** the text of an element, `${name}` references resolved */
  valueOf(element: XmlElement | undefined): PomValue | undefined {
    if (!element || element.text === '') return undefined
    const value = this.resolve(element.text, 0)
    return value === undefined ? { raw: element.text, span: element.span } : { raw: element.text, value, span: element.span }
  }

  private artifactOf(element: XmlElement | undefined): PomArtifact | undefined {
    const artifactId = elementAt(element, 'artifactId')?.text
    if (!element || !artifactId) return undefined
    const groupId = elementAt(element, 'groupId')?.text
    return { element, artifactId, ...(groupId ? { groupId } : {}), ...this.versionOf(element) }
  }

  private versionOf(element: XmlElement): Pick<PomArtifact, 'version'> {
    const version = this.valueOf(elementAt(element, 'version'))
    return version ? { version } : {}
  }

  private resolve(text: string, depth: number): string | undefined {
    if (depth > MAX_DEPTH) return undefined
    let unresolved = false
    const out = text.replace(/\$\{([^}]+)\}/g, (_, name: string) => {
      const found = this.named(name, depth)
      if (found === undefined) unresolved = true
      return found ?? ''
    })
    return unresolved ? undefined : out
  }

  private named(name: string, depth: number): string | undefined {
    const element =
      name === 'project.version' ? elementAt(this.root, 'version') : name === 'project.parent.version' ? elementAt(this.root, 'parent', 'version') : elementAt(this.root, 'properties', name)
    return element && element.text !== '' ? this.resolve(element.text, depth + 1) : undefined
  }
}

/** the POM of a file the repository holds; undefined when it has none there */
export function readPom(project: Project, file: string): PomRead | undefined {
  const lines = project.cache.get(file)
  if (!lines) return undefined
  const parsed = parseXml(lines)
  if ('error' in parsed) return { problem: { file, ...parsed.error } }
  return { pom: new MavenPom(file, parsed.root) }
}
