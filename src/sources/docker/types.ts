// The image model (stages, mounts, commands): a leaf every module that reads images shares, so none imports another for it.
import type { ShellSource } from '../../model/context.js'
import type { Span } from '../../model/span.js'
import type { ArgvElement } from '../../util/exec-form.js'
import type { Problem } from '../types.js'

/** A container path and the repository path COPY/ADD (or a bind mount) put there. */
export interface Mount {
  dest: string
  src: string
  dir: boolean
  /** the COPY/ADD that put it there */
  span?: Span
}

/**
 * A file the Dockerfile itself writes into the image (`RUN printf … > /start.sh`, `COPY <<EOF /start.sh`),
 * located at the command or heredoc that writes it: its text, and the Dockerfile offset each of its
 * characters comes from; or, where the build's output cannot be rendered exactly, why not.
 */
export type WrittenFile = { dest: string; span: Span } & ({ content: WrittenText } | { unknown: string })

export interface WrittenText {
  text: string
  offsets: number[]
}

/** CMD, ENTRYPOINT, RUN, or a platform/compose command that stands in for one. */
export interface ImageCommand {
  label: string
  exec: boolean
  /** argv of the exec form, or the words of a plain shell command; empty when the text is shell syntax */
  words: string[]
  argv?: ArgvElement[]
  source: ShellSource
  span: Span
  /** an offset only this instruction starts at: keys a source combined from two instructions */
  at: number
  /** RUN: the working directory and variables at that point of the build, and the ARGs a build can set */
  workdir?: string
  env?: Record<string, string>
  args?: string[]
  /** RUN `--mount=type=secret,id=…[,env=…]`: the build secrets it reads (https://docs.docker.com/build/building/secrets/) */
  secrets?: { id: string; env?: string }[]
}

export interface Stage {
  index: number
  name?: string
  span: Span
  /** the image FROM names outside the Dockerfile (`serversideup/php:8.3-fpm-nginx`), through earlier stages */
  base: string
  /** where ENV sets each variable */
  envAt: Record<string, Span>
  workdir: string
  /** ENV: what the container's commands see */
  env: Record<string, string>
  /** ARG and ENV: what RUN sees */
  buildEnv: Record<string, string>
  mounts: Mount[]
  /** files RUN and COPY heredocs write, later ones winning */
  written: WrittenFile[]
  entrypoint?: ImageCommand
  cmd?: ImageCommand
  /** RUN instructions of this stage itself, not of the stage it starts from */
  runs: ImageCommand[]
  /**
   * the earlier stages it is built from (`FROM build`, `COPY --from=build`): BuildKit builds those, and
   * only those, of the stages before the one it makes (https://docs.docker.com/build/building/multi-stage/#differences-between-legacy-builder-and-buildkit)
   */
  needs: number[]
  /**
   * no /bin/sh: the stage starts FROM scratch, an empty image (https://docs.docker.com/build/building/base-images/#create-a-minimal-base-image-using-scratch),
   * and copies nothing from another stage or image that could bring one
   */
  shellless?: true
}

export interface Image {
  file: string
  context: string
  stages: Stage[]
  problem?: Problem
}
