import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ApiOp } from '@hokenshitsu/core';
import { CurrentUser, Roles } from '../auth/auth.decorators.js';
import { toUserResponse, UserResponse } from '../auth/user.response.js';
import type { AuthenticatedUser } from '../sessions/sessions.service.js';
import { CreateUserDto } from './create-user.dto.js';
import { UsersService } from './users.service.js';

class UserWithActiveResponse extends UserResponse {
  @ApiProperty() active: boolean;
}

class CreatedUserResponse extends UserResponse {
  @ApiProperty({ required: false, description: 'the generated password, shown this once' }) generated_password?: string;
}

/** User management: the one right an admin has beyond city staff. */
@ApiTags('users')
@Controller('api/v1/users')
@Roles('admin')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOp('Every user account (admin only)')
  @ApiOkResponse({ type: [UserWithActiveResponse] })
  async list(): Promise<UserWithActiveResponse[]> {
    return (await this.users.list()).map((u) => ({ ...toUserResponse(u), active: u.active }));
  }

  @Post()
  @ApiOp('Create a user (admin only); without a password one is generated and returned once', [400, 409, 415, 422])
  @ApiCreatedResponse({ type: CreatedUserResponse })
  async create(@Body() dto: CreateUserDto): Promise<CreatedUserResponse> {
    const { user, generatedPassword } = await this.users.create({ email: dto.email, role: dto.role, companyId: dto.company_id ?? null, password: dto.password });
    return { ...toUserResponse(user), ...(generatedPassword ? { generated_password: generatedPassword } : {}) };
  }

  @Post(':id/deactivate')
  @HttpCode(200)
  @ApiOp('Deactivate a user: her sessions stop working at once (admin only)', [404, 422])
  @ApiOkResponse({ type: UserWithActiveResponse })
  async deactivate(@CurrentUser() admin: AuthenticatedUser, @Param('id') id: string): Promise<UserWithActiveResponse> {
    const user = await this.users.deactivate(admin.id, id);
    return { ...toUserResponse(user), active: user.active };
  }
}
