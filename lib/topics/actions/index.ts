import 'server-only'

export { alterTopicConfigs, planAlterTopicConfigs } from './alter-topic-configs'
export { createTopic } from './create-topic'
export { deleteTopic, planDeleteTopic } from './delete-topic'
export { planPurge, purgeTopic } from './purge-topic'
