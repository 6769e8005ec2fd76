import { describe, expect, it } from 'vitest'
import { heredocText, manifestResources } from '../../src/sources/kubernetes/terraform-config.js'

const CONFIG = `resource "kubectl_manifest" "seed" {
  # a brace in a comment: {
  description = "a brace in a string: } and \${jsonencode({ a = "}" })}"
  yaml_body = <<-EOT
    kind: Job
    image: \${var.image}
  EOT
}

resource "aws_iam_policy" "reader" {
  policy = <<EOF
{ "Version": "2012-10-17" }
EOF
}

resource "kubernetes_manifest" "worker" {
  manifest = yamldecode(file("\${path.module}/manifests/worker.yaml"))
}
`

describe('terraform configuration', () => {
  it('finds the manifest resources, their heredocs and the manifest files they read', () => {
    const resources = manifestResources('infra/main.tf', CONFIG)
    expect(resources.map((r) => r.address)).toEqual(['kubectl_manifest.seed', 'kubernetes_manifest.worker'])
    const [seed, worker] = resources
    expect(seed!.heredocs.map((h) => CONFIG.slice(h.start, h.end))).toEqual(['    kind: Job\n    image: ${var.image}\n'])
    expect(worker!.heredocs).toEqual([])
    expect(worker!.files).toEqual(['infra/manifests/worker.yaml'])
  })

  it('blanks all but the heredoc, keeping offsets, and turns interpolations into a value', () => {
    const [seed] = manifestResources('main.tf', CONFIG)
    const text = heredocText(CONFIG, seed!.heredocs[0]!)
    expect(text.length).toBe(CONFIG.length)
    expect(text.split('\n').map((l) => l.trimEnd()).filter(Boolean)).toEqual(['    kind: Job', '    image: ____________'])
  })
})
