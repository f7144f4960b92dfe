import { z } from 'zod'

/** Cluster ids as the config schema allows them; anything else is rejected before any lookup. */
export const ClusterIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'not a valid cluster id')

export const ClusterParamsSchema = z.object({ clusterId: ClusterIdSchema })
