// What seedguard knows of a few base images beyond their name: the working directory their own
// Dockerfile sets, which a `COPY . .` with no WORKDIR of its own copies into.

/** the image name without Docker Hub's registry prefix, as FROM lines write it either way */
function named(base: string): string {
  return base.replace(/^(docker\.io\/|index\.docker\.io\/)/, '')
}

export function baseIs(base: string, pattern: RegExp): boolean {
  return pattern.test(named(base))
}

/** tiangolo's Python web images, whose /start.sh runs /app/prestart.sh first (see start-conventions.ts) */
export const TIANGOLO_IMAGES = /^tiangolo\/(uvicorn-gunicorn(-fastapi|-starlette)?|uwsgi-nginx(-flask)?|meinheld-gunicorn(-flask)?)(:|$)/

const WORKDIRS: [RegExp, string][] = [
  // https://github.com/richarvey/nginx-php-fpm/blob/main/Dockerfile (WORKDIR "/var/www/html")
  [/^richarvey\/nginx-php-fpm(:|$)/, '/var/www/html'],
  // https://serversideup.net/open-source/docker-php/docs/getting-started/default-configurations (/var/www/html)
  [/^serversideup\/php(:|$)/, '/var/www/html'],
  // https://github.com/tiangolo/uvicorn-gunicorn-docker/blob/master/docker-images/python3.11.dockerfile (WORKDIR /app/)
  [TIANGOLO_IMAGES, '/app'],
]

/** the WORKDIR a stage starts from: its base image's where seedguard knows it, else the root */
export function baseWorkdir(base: string): string {
  return WORKDIRS.find(([pattern]) => baseIs(base, pattern))?.[1] ?? '/'
}
