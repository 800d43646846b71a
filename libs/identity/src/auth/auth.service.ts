import { Injectable } from '@nestjs/common';
import { AuthenticationError } from '@hokenshitsu/core';
import { LoginThrottleService } from '../login-throttle/login-throttle.service.js';
import { SessionsService } from '../sessions/sessions.service.js';
import { UsersService } from '../users/users.service.js';
import { verifyAgainstDummy, verifyPassword } from '../users/password-hasher.js';
import type { User } from '../users/user.entity.js';

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersService,
    private readonly sessions: SessionsService,
    private readonly throttle: LoginThrottleService,
  ) {}

  /** Signs in; the same message for an unknown email and a wrong password (no account oracle). */
  async login(email: string, password: string, address: string): Promise<{ user: User; token: string; expiresAt: Date }> {
    await this.throttle.assertAllowed(email, address);
    const user = await this.users.findByEmail(email);
    const ok = user ? await verifyPassword(user.passwordHash, password) : await verifyAgainstDummy(password);
    if (!user || !ok) {
      await this.throttle.recordFailure(email, address);
      throw new AuthenticationError('email or password is incorrect');
    }
    await this.throttle.recordSuccess(email);
    const session = await this.sessions.open(user.id);
    return { user, ...session };
  }

  logout(token: string): Promise<void> {
    return this.sessions.close(token);
  }
}
