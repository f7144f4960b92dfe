import { readdirSync } from 'node:fs'
import path from 'node:path'

export const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const
export type Method = (typeof METHODS)[number]

export type DiscoveredRoute = {
  /** e.g. /api/clusters/[clusterId]/topics/[topic] */
  pattern: string
  /** The dynamic segments' names in path order ([...x] catch-alls included). */
  params: { name: string; catchAll: boolean }[]
  file: string
}

const APP_DIR = path.resolve(__dirname, '../../app')

/** Every app/api/**\/route.ts, with its URL pattern and dynamic segments read from the path (route groups dropped). */
export function discoverRoutes(): DiscoveredRoute[] {
  const out: DiscoveredRoute[] = []
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name)
      if (e.isDirectory()) walk(full)
      else if (e.name === 'route.ts') out.push(routeOf(full))
    }
  }
  walk(path.join(APP_DIR, 'api'))
  return out.sort((a, b) => a.pattern.localeCompare(b.pattern))
}

function routeOf(file: string): DiscoveredRoute {
  const segments = path
    .relative(APP_DIR, path.dirname(file))
    .split(path.sep)
    .filter((s) => !/^\(.*\)$/.test(s))
  const params = segments.flatMap((s) => {
    const m = /^\[(?:\[)?(\.\.\.)?([^\]]+)\](?:\])?$/.exec(s)
    return m?.[2] ? [{ name: m[2], catchAll: Boolean(m[1]) }] : []
  })
  return { pattern: `/${segments.join('/')}`, params, file }
}

/** The handlers a route module exports, by method. */
export async function handlersOf(
  route: DiscoveredRoute,
): Promise<Partial<Record<Method, (req: Request, ctx: unknown) => Promise<Response>>>> {
  const mod = (await import(route.file)) as Record<string, unknown>
  const out: Partial<Record<Method, (req: Request, ctx: unknown) => Promise<Response>>> = {}
  for (const m of METHODS)
    if (typeof mod[m] === 'function') out[m] = mod[m] as (req: Request, ctx: unknown) => Promise<Response>
  return out
}
