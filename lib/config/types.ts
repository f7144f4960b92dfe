/** A cluster as the browser sees it. Secrets are never part of it. */
export type ClusterSummary = {
  id: string
  name: string
  brokers: string[]
  securityProtocol: 'PLAINTEXT' | 'SSL' | 'SASL_PLAINTEXT' | 'SASL_SSL'
  saslMechanism?: string
  saslUsername?: string
  readOnly: boolean
}
