import { StatCard } from '@/components/ui/stat-card'
import { formatCount, pluralize } from '@/lib/client/format'
import type { ClusterOverview } from '@/lib/cluster/types'
import { healthTone } from './overview-model'

export function OverviewStats({ overview: o }: { overview: ClusterOverview }) {
  // topicCount includes the internal topics; the card leads with the user's own, as the topic list does.
  const userTopics = o.topicCount - o.internalTopicCount
  return (
    <div className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-5">
      <StatCard
        testId="stat-brokers"
        label="Brokers"
        value={formatCount(o.brokers.length)}
        hint={o.missingBrokers.length > 0 ? `${formatCount(o.missingBrokers.length)} missing` : 'all in metadata'}
        tone={healthTone(o.missingBrokers.length, 'danger')}
      />
      <StatCard
        testId="stat-topics"
        label="Topics"
        value={formatCount(userTopics)}
        hint={o.internalTopicCount > 0 ? `+ ${formatCount(o.internalTopicCount)} internal` : 'no internal topics'}
      />
      <StatCard
        testId="stat-partitions"
        label="Partitions"
        value={formatCount(o.partitionCount)}
        hint="incl. internal"
      />
      <StatCard
        testId="stat-under-replicated"
        label="Under-replicated"
        value={formatCount(o.underReplicatedPartitions)}
        hint={o.underReplicatedPartitions > 0 ? 'ISR smaller than replica set' : 'all replicas in sync'}
        tone={healthTone(o.underReplicatedPartitions, 'warning')}
      />
      <StatCard
        testId="stat-offline"
        label="Offline"
        value={formatCount(o.offlinePartitions)}
        hint={
          o.offlinePartitions > 0
            ? `${pluralize(o.offlinePartitions, 'partition')} without a leader`
            : 'every partition has a leader'
        }
        tone={healthTone(o.offlinePartitions, 'danger')}
      />
    </div>
  )
}
