import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { BadRequestException, Controller, Get, Logger, Query, Res, UseGuards } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Response } from 'express';
import { addDays, DAILY_WINDOW_DAYS, daysBetween, MAX_DAILY_RANGE_DAYS, utcDay } from '@moodlobby/shared';
import { AdminTokenGuard } from './admin-token.guard';
import { AdminUsersService } from './admin-users.service';
import { DailyResponseDto } from './dto/daily.response';
import { DailyQueryDto, SummaryQueryDto, UsersQueryDto } from './dto/queries.dto';
import { SummaryResponseDto } from './dto/summary.response';
import { UsersPageDto } from './dto/users.response';
import { MetricsService } from './metrics.service';
import { UsersExportService } from './users-export.service';

@ApiTags('admin')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'Missing or wrong bearer token' })
@ApiBadRequestResponse({ description: 'Invalid query parameters: `{ statusCode, error: "invalid_payload", errors }`' })
@UseGuards(AdminTokenGuard)
@Controller('admin')
export class AdminController {
  private readonly logger = new Logger(AdminController.name);

  constructor(
    private readonly metrics: MetricsService,
    private readonly users: AdminUsersService,
    private readonly usersExport: UsersExportService,
  ) {}

  @Get('metrics/summary')
  @ApiOperation({ summary: 'Experiment readout as of the end of a UTC day' })
  @ApiOkResponse({ type: SummaryResponseDto })
  summary(@Query() query: SummaryQueryDto): Promise<SummaryResponseDto> {
    return this.metrics.summary(notAfterToday(query.asOf));
  }

  @Get('metrics/daily')
  @ApiOperation({ summary: 'Daily active users, new users and messages per arm' })
  @ApiOkResponse({ type: DailyResponseDto })
  daily(@Query() query: DailyQueryDto): Promise<DailyResponseDto> {
    const to = query.to ?? utcDay();
    const from = query.from ?? addDays(to, -(DAILY_WINDOW_DAYS - 1));
    const days = daysBetween(from, to) + 1;
    if (days < 1) throw invalid('from must not be after to');
    if (days > MAX_DAILY_RANGE_DAYS) throw invalid(`the range may span at most ${MAX_DAILY_RANGE_DAYS} days`);
    return this.metrics.daily(from, to);
  }

  @Get('export/users.csv')
  @ApiOperation({
    summary: 'Every user in the asOf cut as CSV, streamed',
    description:
      'One row per user first seen by the end of asOf, ordered by firstSeenAt then id: id, nickname, variant, cohortDay, firstSeenAt, lastSeenAt, messages, visits, activeDays, d1, d7 (messages, visits and active days up to asOf; d1/d7 true/false, empty when not eligible). RFC 4180 quoting, CRLF line ends.',
  })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'text/csv, with a header row', schema: { type: 'string' } })
  async exportUsers(@Query() query: SummaryQueryDto, @Res() response: Response): Promise<void> {
    const asOf = notAfterToday(query.asOf);
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.setHeader('Content-Disposition', `attachment; filename="moodlobby-users-${asOf}.csv"`);
    response.setHeader('Cache-Control', 'no-store');
    try {
      await pipeline(Readable.from(this.usersExport.lines(asOf)), response);
    } catch (error) {
      // Headers are sent: all that can be done is to cut the response short, so it is not taken as complete.
      this.logger.warn(`users.csv export stopped: ${(error as Error).message}`);
      response.destroy();
    }
  }

  @Get('users')
  @ApiOperation({ summary: 'Users with their arm and activity, paged' })
  @ApiOkResponse({ type: UsersPageDto })
  list(@Query() query: UsersQueryDto): Promise<UsersPageDto> {
    return this.users.list(query);
  }
}

/** asOf, today by default; a day still to come is refused (SPEC 10.1): nothing can be read out for it. */
function notAfterToday(asOf: string | undefined): string {
  const today = utcDay();
  if (asOf !== undefined && asOf > today) throw invalid(`asOf must not be after today (${today}, UTC)`);
  return asOf ?? today;
}

function invalid(error: string): BadRequestException {
  return new BadRequestException({ statusCode: 400, error: 'invalid_payload', errors: [error] });
}
