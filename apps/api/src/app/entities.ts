import { MessageEntity } from './chat/message.entity';
import { InferenceJob } from './inference/inference-job.entity';
import { User } from './lobby/user.entity';
import { Visit } from './lobby/visit.entity';
import { ActivityDay } from './stats/activity-day.entity';

/**
 * Every table's entity, each defined in the domain folder that owns the table. The data source
 * needs them all: the app's (app.module.ts), the seed's and the specs' test databases.
 */
export const entities = [User, Visit, MessageEntity, InferenceJob, ActivityDay];
