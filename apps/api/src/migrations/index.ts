import { InitialSchema1764100000000 } from './1764100000000-initial-schema';
import { ActivityDays1764200000000 } from './1764200000000-activity-days';
import { Rollups1764300000000 } from './1764300000000-rollups';
import { ReadoutSecondEdition1764400000000 } from './1764400000000-readout-second-edition';
import { DropMessagesMoodIndex1764500000000 } from './1764500000000-drop-messages-mood-index';
import { CoverJobStatusIndexes1764600000000 } from './1764600000000-cover-job-status-indexes';

/** Every migration, in order. Listed by class (not by glob) so the bundled server finds them. */
export const migrations = [
  InitialSchema1764100000000,
  ActivityDays1764200000000,
  Rollups1764300000000,
  ReadoutSecondEdition1764400000000,
  DropMessagesMoodIndex1764500000000,
  CoverJobStatusIndexes1764600000000,
];
