import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { assignVariant, Variant } from '@moodlobby/shared';
import type { AppConfig } from '../platform/config/env.validation';

/** Assigns users to arms with GrowthBook's hash v2 (see `assignVariant` in the shared lib). */
@Injectable()
export class ExperimentService {
  private readonly key: string;
  private readonly treatmentShare: number;

  constructor(config: ConfigService<AppConfig, true>) {
    this.key = config.getOrThrow('EXPERIMENT_KEY');
    this.treatmentShare = config.getOrThrow('TREATMENT_SHARE');
  }

  assign(userId: string): Variant {
    return assignVariant(this.key, userId, this.treatmentShare);
  }
}
