import { BadRequestException, Controller, Get, Query, UseGuards } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { addDays, DAILY_WINDOW_DAYS, daysBetween, MAX_DAILY_RANGE_DAYS, utcDay } from '@moodlobby/shared';
import { AdminTokenGuard } from './admin-token.guard';
import { AdminUsersService } from './admin-users.service';
import { DailyResponseDto } from './dto/daily.response';
import { DailyQueryDto, SummaryQueryDto, UsersQueryDto } from './dto/queries.dto';
import { SummaryResponseDto } from './dto/summary.response';
import { UsersPageDto } from './dto/users.response';
import { MetricsService } from './metrics.service';

@ApiTags('admin')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'Missing or wrong bearer token' })
@ApiBadRequestResponse({ description: 'Invalid query parameters: `{ statusCode, error: "invalid_payload", errors }`' })
@UseGuards(AdminTokenGuard)
@Controller('admin')
export class AdminController {
  constructor(
    private readonly metrics: MetricsService,
    private readonly users: AdminUsersService,
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
