import { ApiProperty } from '@nestjs/swagger';
import type { Arms, Daily, DailyArm, DailyPoint } from '@moodlobby/shared';

// Swagger's description of the shared response types; each class implements its interface.

export class DailyArmDto implements DailyArm {
  @ApiProperty({ description: 'Users active that UTC day' }) activeUsers!: number;
  @ApiProperty({ description: 'Users first seen that UTC day' }) newUsers!: number;
  @ApiProperty() messages!: number;
}

export class DailyArmsDto implements Arms<DailyArm> {
  @ApiProperty({ type: DailyArmDto }) CONTROL!: DailyArmDto;
  @ApiProperty({ type: DailyArmDto }) TREATMENT!: DailyArmDto;
}

export class DailyPointDto implements DailyPoint {
  @ApiProperty({ example: '2026-11-25' }) day!: string;
  @ApiProperty({ type: DailyArmsDto }) arms!: DailyArmsDto;
}

export class DailyResponseDto implements Daily {
  @ApiProperty() from!: string;
  @ApiProperty() to!: string;
  @ApiProperty({ type: [DailyPointDto], description: 'Every day from..to, zeros included' }) days!: DailyPointDto[];
}
