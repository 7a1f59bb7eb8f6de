import { MessageEntity } from './chat/message.entity';
import { InferenceJob } from './inference/inference-job.entity';
import { User } from './lobby/user.entity';
import { Visit } from './lobby/visit.entity';
import { ActivityDay } from './stats/activity-day.entity';
import { DailyArmStat } from './stats/daily-arm-stat.entity';
import { DailyJobLatency } from './stats/daily-job-latency.entity';
import { DailyMoodCount } from './stats/daily-mood-count.entity';
import { UserTotals } from './stats/user-totals.entity';

/**
 * Every table's entity, each defined in the domain folder that owns the table. The data source
 * needs them all: the app's (app.module.ts), the seed's and the specs' test databases.
 */
export const entities = [User, Visit, MessageEntity, InferenceJob, ActivityDay, DailyArmStat, DailyMoodCount, DailyJobLatency, UserTotals];
