import 'server-only'

export { assertPermission, currentlyCan } from './authorize-request'
export type { Permission, Resource } from './permissions'
export { currentClientAddress, currentPrincipal, type Principal, runWithPrincipal } from './request-context'
