import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { ROLES, type Role } from './role.js';

export class CreateUserDto {
  @ApiProperty({ example: 'staff@city.example.jp' })
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES, { message: `role must be one of ${ROLES.join(', ')}` })
  role: Role;

  @ApiProperty({ required: false, format: 'uuid', description: 'required for company_manager' })
  @IsOptional()
  @IsUUID('all', { message: 'company_id must be a company id' })
  company_id?: string;

  @ApiProperty({ required: false, format: 'password', minLength: 12, description: 'omit to have one generated and returned once' })
  @IsOptional()
  @IsString()
  @MinLength(12, { message: 'password must be at least 12 characters' })
  @MaxLength(1024)
  password?: string;
}
