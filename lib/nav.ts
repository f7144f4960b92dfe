// The sidebar as data (taxonomy keeps these in config/dashboard.ts). No runtime imports: shared by server and browser.

/** The first path segment under /clusters/{id}; '' is the overview. */
export type NavSection = '' | 'topics' | 'groups' | 'dlq' | 'audit'

export type NavIcon = 'overview' | 'topics' | 'groups' | 'dlq' | 'audit'

export type NavItem = { label: string; section: NavSection; icon: NavIcon }

export const NAV_ITEMS: readonly NavItem[] = [
  { label: 'Overview', section: '', icon: 'overview' },
  { label: 'Topics', section: 'topics', icon: 'topics' },
  { label: 'Consumer groups', section: 'groups', icon: 'groups' },
  { label: 'Dead letters', section: 'dlq', icon: 'dlq' },
  { label: 'Audit', section: 'audit', icon: 'audit' },
]

const SECTIONS = new Set<string>(NAV_ITEMS.map((item) => item.section))

export function clusterHref(clusterId: string, section: NavSection = ''): string {
  const base = `/clusters/${encodeURIComponent(clusterId)}`
  return section ? `${base}/${section}` : base
}

export function topicHref(clusterId: string, topic: string): string {
  return `${clusterHref(clusterId, 'topics')}/${encodeURIComponent(topic)}`
}

/** The section a pathname is in: "/clusters/prod/topics/orders" → "topics". Unknown or missing → overview. */
export function sectionOf(pathname: string): NavSection {
  const [, root, , section = ''] = pathname.split('/')
  if (root !== 'clusters' || !SECTIONS.has(section)) return ''
  return section as NavSection
}
