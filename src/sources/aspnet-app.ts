// https://learn.microsoft.com/aspnet/core/host-and-deploy/ (an ASP.NET Core app is started as `dotnet <Assembly>.dll`)
import type { ExecutionContext } from '../model/context.js'
import { fileStartSpan } from '../model/span.js'
import { joinPath } from '../util/paths.js'
import type { SourceReader } from './types.js'

/**
 * An ASP.NET Core web project whose startup code seeds or wipes, as a deploy artifact of its own,
 * as a Node app's package is: it is deployed from outside the repository as often as not (an App
 * Service set up in the portal, `azd up`, a publish profile), and every host starts it with
 * `dotnet <Assembly>.dll`, running Program.cs on each start. One with a Dockerfile beside it is
 * judged through that image instead; one a production context already starts is judged there.
 */
const aspNetApp: SourceReader = {
  id: 'aspnet-app',
  title: 'ASP.NET Core web apps hosts start without a config file',
  docs: 'https://learn.microsoft.com/aspnet/core/host-and-deploy/',
  files: ['**/*.csproj'],
  candidates: true,
  read(file, project) {
    const app = project.aspNetApps.find((a) => a.project === file)
    if (!app || project.cache.exists(joinPath(app.dir, 'Dockerfile') ?? 'Dockerfile')) return { contexts: [], problems: [] }
    const span = fileStartSpan(file)
    const start = ['dotnet', `${app.assembly}.dll`]
    const context: ExecutionContext = {
      id: `${file}#start`,
      label: `ASP.NET Core web app ${file}`,
      span,
      reasons: [{ kind: 'platform-phase', towards: true, detail: `${file} is an ASP.NET Core web app: App Service, containers and other hosts start it with \`${start.join(' ')}\`, which runs its startup code on every start`, span }],
      steps: [{ label: `a host starts it: \`${start.join(' ')}\``, span, cwd: app.dir, env: {}, reasons: [], invoke: [{ kind: 'run', argv: start }] }],
    }
    return { contexts: [context], problems: [] }
  },
}
export default aspNetApp
