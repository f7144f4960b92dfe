// Pure: validated masking rules (lib/config/masking-schema.ts) turned into matchers, once per config.
import type { MaskingPart, MaskingRule, MaskingRules } from '@/lib/config/masking-schema'
import { parseJsonPath, type Segment } from './json-path'
import { compileNamePattern } from './name-pattern'

export const MASK = '****'

export type CompiledPart = {
  paths: Segment[][]
  action: 'mask' | 'remove'
  regex?: RegExp
  replace: string
  onUnparsed: 'mask' | 'keep'
  /** Neither paths nor regex: the whole payload goes. */
  whole: boolean
}

export type CompiledRule = {
  topics: RegExp[]
  key?: CompiledPart
  value?: CompiledPart
  headers?: { names: RegExp[]; action: 'mask' | 'remove' }
  exemptRoles: string[]
}

function compilePart(p: MaskingPart): CompiledPart {
  const paths = (p.jsonPaths ?? []).map(parseJsonPath)
  return {
    paths,
    action: p.action,
    regex: p.regex === undefined ? undefined : new RegExp(p.regex, 'g'),
    replace: p.replace ?? MASK,
    onUnparsed: p.onUnparsed,
    whole: paths.length === 0 && p.regex === undefined,
  }
}

export function compileRule(r: MaskingRule): CompiledRule {
  return {
    topics: r.topics.map((t) => compileNamePattern(t)),
    key: r.key && compilePart(r.key),
    value: r.value && compilePart(r.value),
    headers: r.headers && {
      names: r.headers.names.map((n) => compileNamePattern(n, true)),
      action: r.headers.action,
    },
    exemptRoles: r.exemptRoles,
  }
}

const compiled = new WeakMap<MaskingRules, CompiledRule[]>()

/** Compiled once per rules list (the config is parsed once; a replaced config compiles anew). */
export function compileRules(rules: MaskingRules): CompiledRule[] {
  let out = compiled.get(rules)
  if (!out) {
    out = rules.map(compileRule)
    compiled.set(rules, out)
  }
  return out
}

/**
 * The rules that apply to a topic read by this principal: those whose topic patterns match the topic (or one of
 * `relatedTopics`, e.g. the source of a DLQ) and that do not exempt one of the principal's roles. No principal (no
 * sign-in) exempts nobody.
 */
export function rulesFor(
  rules: readonly CompiledRule[],
  topics: readonly string[],
  roles: readonly string[] | null,
): CompiledRule[] {
  return rules.filter(
    (r) =>
      r.topics.some((t) => topics.some((name) => t.test(name))) &&
      !(roles && r.exemptRoles.some((role) => roles.includes(role))),
  )
}
