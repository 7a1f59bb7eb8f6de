import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min, Validate, ValidatorConstraint, ValidatorConstraintInterface } from 'class-validator';
import { DEFAULT_USER_SORT, DEFAULT_USERS_LIMIT, isCalendarDay, MAX_USERS_LIMIT, USER_SORTS, UserSort, VARIANTS, Variant } from '@moodlobby/shared';

/** A real calendar day in `YYYY-MM-DD` (2026-02-30 is refused). */
@ValidatorConstraint({ name: 'calendarDay' })
export class CalendarDay implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return isCalendarDay(value);
  }

  defaultMessage(): string {
    return '$property must be a day as YYYY-MM-DD';
  }
}

export class SummaryQueryDto {
  @ApiPropertyOptional({ description: 'Readout as of the end of this UTC day, not after today; default today', example: '2026-11-25' })
  @IsOptional()
  @Validate(CalendarDay)
  asOf?: string;
}

export class DailyQueryDto {
  @ApiPropertyOptional({ description: 'First UTC day; default 29 days before `to`', example: '2026-10-27' })
  @IsOptional()
  @Validate(CalendarDay)
  from?: string;

  @ApiPropertyOptional({ description: 'Last UTC day; default today', example: '2026-11-25' })
  @IsOptional()
  @Validate(CalendarDay)
  to?: string;
}

export class UsersQueryDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_USERS_LIMIT, default: DEFAULT_USERS_LIMIT })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_USERS_LIMIT)
  limit = DEFAULT_USERS_LIMIT;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  offset = 0;

  @ApiPropertyOptional({ enum: VARIANTS })
  @IsOptional()
  @IsIn(VARIANTS)
  variant?: Variant;

  @ApiPropertyOptional({ enum: USER_SORTS, default: DEFAULT_USER_SORT, description: 'Field to sort by; a leading - sorts descending' })
  @IsOptional()
  @IsIn(USER_SORTS)
  sort: UserSort = DEFAULT_USER_SORT;
}
