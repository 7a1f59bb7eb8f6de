import { ApiProperty } from '@nestjs/swagger';

export class DailyArmDto {
  @ApiProperty({ description: 'Users active that UTC day' }) activeUsers!: number;
  @ApiProperty({ description: 'Users first seen that UTC day' }) newUsers!: number;
  @ApiProperty() messages!: number;
}

export class DailyArmsDto {
  @ApiProperty({ type: DailyArmDto }) CONTROL!: DailyArmDto;
  @ApiProperty({ type: DailyArmDto }) TREATMENT!: DailyArmDto;
}

export class DailyPointDto {
  @ApiProperty({ example: '2026-11-25' }) day!: string;
  @ApiProperty({ type: DailyArmsDto }) arms!: DailyArmsDto;
}

export class DailyResponseDto {
  @ApiProperty() from!: string;
  @ApiProperty() to!: string;
  @ApiProperty({ type: [DailyPointDto], description: 'Every day from..to, zeros included' }) days!: DailyPointDto[];
}
