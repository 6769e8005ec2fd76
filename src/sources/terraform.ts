// The Kubernetes workloads a Terraform configuration creates, through `kubectl_manifest` and
// `kubernetes_manifest` resources or the kubernetes provider's `kubernetes_job_v1`,
// `kubernetes_deployment`, …: a Job or a Deployment there runs in the cluster on `terraform apply`
// as one applied with kubectl would (https://registry.terraform.io/providers/gavinbunney/kubectl/latest/docs/resources/kubectl_manifest).
import type { ContextStep, ExecutionContext } from '../model/context.js'
import { fileStartSpan } from '../model/span.js'
import { cannotBeRead } from '../project/files.js'
import { shellSourceOfArgv } from '../util/exec-form.js'
import { manifestDeploys, placedRun } from './kubernetes/manifests.js'
import { manifestContexts, workloadContext, workloadPhase } from './kubernetes/reader.js'
import { heredocText, manifestResources, workloadResources } from './kubernetes/terraform-config.js'
import type { Problem, SourceReader } from './types.js'

const terraform: SourceReader = {
  id: 'terraform',
  title: 'Terraform resources that create Kubernetes workloads',
  docs: 'https://registry.terraform.io/providers/hashicorp/kubernetes/latest/docs/resources/manifest',
  files: ['**/*.tf'],
  // which configurations are applied, and where, is decided by the deploys that run `terraform apply` (manifests.ts)
  candidates: true,
  read(file, project, config, deployments) {
    const runs = manifestDeploys(project, deployments).get(file)
    if (!runs || runs.every((r) => r.production === 'not-production')) return { contexts: [], problems: [] }
    const unreadable = project.cache.unreadable(file)
    if (unreadable) return { contexts: [], problems: [{ rule: 'parse-error', message: cannotBeRead(unreadable), span: fileStartSpan(file) }] }
    const lines = project.cache.get(file)
    if (!lines) return { contexts: [], problems: [] }
    const contexts: ExecutionContext[] = []
    const problems: Problem[] = []
    const production = runs.some((r) => r.production === 'production')
    for (const resource of manifestResources(file, lines.text)) {
      // a manifest built by an expression (`yamlencode({…})`, a data source, a template that is not YAML) is not read
      if (production && resource.heredocs.length === 0 && !resource.files.some((f) => project.cache.exists(f))) {
        problems.push({ rule: 'unresolved-on-production-path', message: `the manifest of ${resource.address} is built by an expression, not a heredoc or a YAML file of the repository, so its workloads cannot be read`, span: lines.span(resource.start, resource.start + 'resource'.length) })
      }
      for (const heredoc of resource.heredocs) {
        const read = manifestContexts(file, lines, heredocText(lines.text, heredoc), [], project, config, runs, `${file}@${heredoc.start}`)
        if (!('error' in read)) contexts.push(...read)
        // a manifest that is YAML only once Terraform has rendered it
        else problems.push({ rule: 'unresolved-on-production-path', message: `the manifest of ${resource.address} is not YAML with its interpolations blanked (${read.error.message}); if it seeds, seedguard cannot see it`, span: lines.span(read.error.offset, read.error.offset + 1) })
      }
    }
    for (const workload of workloadResources(lines.text)) {
      const steps: ContextStep[] = workload.containers.map((c) => ({ label: `${c.init ? 'init container' : 'container'} \`${c.name ?? '?'}\``, span: lines.span(c.start, c.end), source: shellSourceOfArgv(c.argv, lines), cwd: '.', env: c.env, reasons: [] }))
      if (steps.length === 0) continue
      const row = lines.position(workload.start).line
      const span = lines.span(workload.start, lines.lineStart(row) + lines.lineText(row).length)
      for (const run of runs.map((r) => placedRun(r, workload.namespace, file, config))) {
        if (run.production === 'not-production') continue
        contexts.push(workloadContext({ id: `${file}#${workload.address}`, file, kind: workload.kind, name: workload.name ?? workload.address, span, steps }, run, workloadPhase(workload.kind, [], workload.recreated)))
      }
    }
    return { contexts, problems }
  },
}
export default terraform
