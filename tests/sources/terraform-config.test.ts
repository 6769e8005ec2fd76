import { describe, expect, it } from 'vitest'
import { heredocText, localModules, manifestResources, workloadResources } from '../../src/sources/kubernetes/terraform-config.js'

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

describe('terraform workload resources', () => {
  const JOB = `resource "kubernetes_cron_job_v1" "nightly" {
  metadata {
    name      = "nightly"
    namespace = "shop"
  }
  spec {
    schedule = "0 3 * * *"
    job_template {
      metadata {}
      spec {
        template {
          metadata {}
          spec {
            init_container {
              name    = "wait"
              command = ["sh", "-c", "until nc -z db 5432; do sleep 1; done"]
            }
            container {
              name = "report"
              args = [
                "npm", # the package script
                "run", "report",
              ]
              readiness_probe {
                exec { command = ["true"] }
              }
              env {
                name  = "NODE_ENV"
                value = "production"
              }
            }
          }
        }
      }
    }
  }
}
`
  it('reads the containers of the pod template, not the commands of their probes', () => {
    const [cron] = workloadResources(JOB)
    expect(cron).toMatchObject({ address: 'kubernetes_cron_job_v1.nightly', kind: 'CronJob', name: 'nightly', namespace: 'shop', recreated: false })
    expect(cron!.containers.map((c) => [c.init, c.name, c.argv.map((a) => a.value), c.env])).toEqual([
      [true, 'wait', ['sh', '-c', 'until nc -z db 5432; do sleep 1; done'], {}],
      [false, 'report', ['npm', 'run', 'report'], { NODE_ENV: 'production' }],
    ])
  })
})

describe('terraform local modules', () => {
  it('names the directories of the local modules a file calls', () => {
    const text = `module "db" {\n  source = "./modules/db"\n}\nmodule "vpc" {\n  source  = "terraform-aws-modules/vpc/aws"\n  version = "5.0.0"\n}\nmodule "shared" {\n  source = "../shared"\n}\n`
    expect(localModules('infra/prod/main.tf', text)).toEqual(['infra/prod/modules/db', 'infra/shared'])
  })
})
