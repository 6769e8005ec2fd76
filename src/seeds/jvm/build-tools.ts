// Maven and Gradle command lines as the JVM recognisers read them: the goals or tasks they run, the
// system properties they are given, and the module they run them in.
import { basename } from '../argv.js'

export interface BuildRun {
  tool: 'maven' | 'gradle'
  /**
   * Maven goals as `prefix:goal` (`flyway:clean`; the plugin's full coordinates
   * `org.flywaydb:flyway-maven-plugin:9.22.3:clean` read the same), Gradle tasks without their
   * project path (`:api:bootRun` is `bootRun`)
   */
  tasks: string[]
  /** `-Dname=value`, as Maven and Gradle pass them to the build */
  properties: Record<string, string>
  /** the module the tasks run in: Maven's `-pl api`, Gradle's `:api:bootRun` */
  module?: string
}

// https://maven.apache.org/ref/current/maven-embedder/cli.html: options whose value is the next word
const MAVEN_VALUED = new Set(['-pl', '--projects', '-f', '--file', '-P', '--activate-profiles', '-s', '--settings', '-gs', '--global-settings', '-T', '--threads', '-rf', '--resume-from', '-l', '--log-file', '-t', '--toolchains', '-b', '--builder', '-D', '--define'])
// https://docs.gradle.org/current/userguide/command_line_interface.html
const GRADLE_VALUED = new Set(['-p', '--project-dir', '-b', '--build-file', '-c', '--settings-file', '-I', '--init-script', '-x', '--exclude-task', '-P', '--project-prop', '-D', '--system-prop', '-g', '--gradle-user-home', '--console', '--warning-mode'])

const MAVEN = new Set(['mvn', 'mvnw', 'mvnd', 'mvnw.cmd', 'mvn.cmd'])
const GRADLE = new Set(['gradle', 'gradlew', 'gradlew.bat', 'gradle.bat'])

/** `x-maven-plugin` is run by the prefix `x` (https://maven.apache.org/guides/introduction/introduction-to-plugin-prefix-mapping.html) */
function mavenGoal(word: string): string {
  const parts = word.split(':')
  if (parts.length < 3) return word
  const artifact = parts[1]!.replace(/-maven-plugin$|^maven-|-plugin$/g, '')
  return `${artifact}:${parts.at(-1)}`
}

/** The Maven or Gradle run of a command, undefined for any other command. */
export function buildRunOf(argv: readonly string[]): BuildRun | undefined {
  const program = basename(argv[0] ?? '')
  const tool = MAVEN.has(program) ? 'maven' : GRADLE.has(program) ? 'gradle' : undefined
  if (tool === undefined) return undefined
  const valued = tool === 'maven' ? MAVEN_VALUED : GRADLE_VALUED
  const run: BuildRun = { tool, tasks: [], properties: {} }
  for (let i = 1; i < argv.length; i++) {
    const word = argv[i]!
    const define = /^(?:-D|--define=|--system-prop=)(.*)$/.exec(word)
    const value = valued.has(word) ? argv[++i] : undefined
    const assignment = define?.[1] || (word === '-D' || word === '--define' || word === '--system-prop' ? value : undefined)
    if (assignment) {
      const at = assignment.indexOf('=')
      run.properties[at < 0 ? assignment : assignment.slice(0, at)] = at < 0 ? 'true' : assignment.slice(at + 1)
    } else if ((word === '-pl' || word === '--projects') && value !== undefined) run.module = value.split(',')[0]
    else if (!word.startsWith('-') && tool === 'maven') run.tasks.push(mavenGoal(word))
    else if (!word.startsWith('-')) {
      const path = word.split(':')
      run.tasks.push(path.at(-1)!)
      const project = path.slice(0, -1).filter((p) => p !== '')
      if (project.length > 0) run.module = project.join('/')
    }
  }
  return run
}
